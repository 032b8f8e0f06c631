import FlowHDF5
import FlowTensor

/// Draws the images of one `shapes` split: image `i` is a pure function of the configuration, the split and `i`.
///
/// Each index has its own random stream (seed, split, index), so any image can be made alone, in any
/// order, on any number of threads, with the same bytes. An index draws a scene (object count,
/// composition by weight, size, distinct cells) and a variation, redrawing until the image belongs to
/// this split (see `ShapesSplit`); then five captions from `ShapeCaptionGrammar`.
///
/// ```swift
/// let generator = ShapesGenerator(configuration: try ShapesConfiguration(seed: 7), split: .train)
/// let record = generator.record(at: 0)     // pixels [32, 32, 3], 5 captions, 1 object
/// ```
public struct ShapesGenerator: Sendable {
    /// One drawn example before rendering.
    public struct Example: Sendable, Hashable {
        public var scene: ShapeScene
        public var variation: ShapeVariation
        public var captions: [String]
    }

    public let configuration: ShapesConfiguration
    public let split: ShapesSplit
    private let renderer: ShapeRenderer
    private let weights: [Double]

    public init(configuration: ShapesConfiguration, split: ShapesSplit) {
        self.configuration = configuration
        self.split = split
        renderer = try! ShapeRenderer(imageSize: configuration.imageSize)  // the configuration checked the size
        weights = configuration.compositionWeights(for: split)
    }

    /// The scene, variation and captions of image `index`.
    public func example(at index: Int) -> Example {
        precondition(index >= 0, "image indices start at 0")
        var random = RandomGenerator(seed: configuration.seed, stream: "shapes.\(split.rawValue)").split(String(index))
        var captionRandom = random.split("captions")
        for _ in 0..<1_000_000 {
            let (scene, variation) = draw(&random)
            if ShapesSplit.owner(ofContentKey: Self.contentKey(scene, variation)) == split {
                let captions = ShapeCaptionGrammar.captions(for: scene, random: &captionRandom)
                return Example(scene: scene, variation: variation, captions: captions)
            }
        }
        fatalError("no image of split \(split) after a million draws; the split hash is broken")
    }

    /// Image `index` rendered, with its captions and objects, ready for a captioned-image file.
    public func record(at index: Int) -> CaptionedImageRecord {
        let example = example(at: index)
        return CaptionedImageRecord(pixels: renderer.render(example.scene, variation: example.variation),
                                    captions: example.captions, objects: example.scene.annotations)
    }

    /// The root attributes a rendered file of this split carries (names, split, seed, settings, weights).
    public var fileAttributes: [String: HDF5AttributeValue] {
        [
            "source": .string("shapes"),
            "generator_version": .int(1),
            "split": .string(split.rawValue),
            "seed": .int(Int(truncatingIfNeeded: configuration.seed)),
            "object_counts": .ints(configuration.objectCounts),
            "imbalance": .double(configuration.imbalance),
            "holdout": .strings(configuration.holdout.map(\.description)),
            "shape_names": .strings(ShapeKind.allCases.map(\.rawValue)),
            "color_names": .strings(ShapeColor.allCases.map(\.rawValue)),
            "size_names": .strings(ShapeSize.allCases.map(\.rawValue)),
            "cell_names": .strings(GridCell.allCases.map(\.name)),
            "composition_names": .strings(ShapeComposition.all.map(\.description)),
            "composition_weights": .doubles(weights),
        ]
    }

    /// One scene and variation from `random`.
    private func draw(_ random: inout RandomGenerator) -> (ShapeScene, ShapeVariation) {
        let counts = configuration.objectCounts
        let objectCount = counts[random.integers(1, below: counts.count)[0]]
        let cells = random.integers(2, below: 9)
        var chosenCells = [GridCell(rawValue: cells[0])!]
        if objectCount == 2 {
            let second = cells[1] % 8
            chosenCells.append(GridCell(rawValue: second >= cells[0] ? second + 1 : second)!)
        }
        var objects: [ShapeObject] = []
        for cell in chosenCells {
            let composition = ShapeComposition.all[weights.withUnsafeBufferPointer { random.categorical($0) }]
            let size = ShapeSize.allCases[random.integers(1, below: ShapeSize.allCases.count)[0]]
            objects.append(ShapeObject(shape: composition.shape, color: composition.color, size: size, cell: cell))
        }
        let scene = ShapeScene(objects)!
        let offsets = 2 * ShapeVariation.maximumOffset + 1
        let steps = 2 * ShapeVariation.maximumScaleStep + 1
        let background = random.integers(1, below: ShapeVariation.backgroundLevels)[0]
        let jitter = random.integers(3 * objectCount, below: max(offsets, steps))
        let variation = ShapeVariation(backgroundLevel: background, objects: (0..<objectCount).map { object in
            ShapeVariation.ObjectJitter(offsetX: jitter[3 * object] % offsets - ShapeVariation.maximumOffset,
                                        offsetY: jitter[3 * object + 1] % offsets - ShapeVariation.maximumOffset,
                                        scaleStep: jitter[3 * object + 2] % steps - ShapeVariation.maximumScaleStep)
        })
        return (scene, variation)
    }

    /// The integers that determine an image's content: what `ShapesSplit` hashes.
    static func contentKey(_ scene: ShapeScene, _ variation: ShapeVariation) -> [Int] {
        var key = [scene.objects.count, variation.backgroundLevel]
        for (object, jitter) in zip(scene.objects, variation.objects) {
            key += [object.shape.id, object.color.id, object.size.id, object.cell.id, jitter.offsetX, jitter.offsetY, jitter.scaleStep]
        }
        return key
    }
}
