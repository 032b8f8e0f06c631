import FlowData
import FlowNN
import FlowTensor

/// FlowLab's `shapes` scene reader: from an image, each of the 9 cells' occupancy, shape, colour and size.
///
/// One small network shared by the cells reads the window around each cell (its pixels, its
/// foreground map and a one-hot cell id): `trunk` (two hidden layers and a feature layer, GELU) gives the cell's
/// penultimate features, and four linear heads give the logits of occupied (2), shape (4), colour (6)
/// and size (2). Sharing the network over cells gives it nine examples per image and makes it read
/// every cell the same way.
///
/// An image's *features* (the 9 cells' penultimate features side by side, `9 · featureWidth`) are the
/// feature space of `fid_shapes`, `kid_shapes`, precision/recall and density/coverage: FlowLab's shapes
/// features, not Inception's.
///
/// ```swift
/// let reader = SceneReader(configuration: SceneReaderConfiguration(), generator: &generator)
/// let scenes = reader.read(pixels: batch.pixels, count: 64)   // [[ShapeObject]], objects by cell
/// let features = reader.features(pixels: batch.pixels, count: 64)  // [64 * 288] floats
/// ```
public final class SceneReader: Module {
    /// The reader's sizes.
    public let configuration: SceneReaderConfiguration
    /// Per-cell layers: window → hidden → hidden → features.
    let trunk: [Linear]
    /// Logits of "the cell holds an object" (class 1) against empty (class 0).
    let occupancyHead: Linear
    /// Logits over `ShapeKind` ids.
    let shapeHead: Linear
    /// Logits over `ShapeColor` ids.
    let colorHead: Linear
    /// Logits over `ShapeSize` ids.
    let sizeHead: Linear

    override public class var checkpointKeys: [String: String] {
        ["occupancyHead": "occupancy_head", "shapeHead": "shape_head", "colorHead": "color_head", "sizeHead": "size_head"]
    }

    /// A freshly initialised reader (PyTorch default initialisation, drawn from `generator`).
    public init(configuration: SceneReaderConfiguration, generator: inout RandomGenerator) {
        self.configuration = configuration
        let hidden = configuration.hiddenWidth, feature = configuration.featureWidth
        trunk = [Linear(configuration.inputWidth, hidden, generator: &generator), Linear(hidden, hidden, generator: &generator),
                 Linear(hidden, feature, generator: &generator)]
        occupancyHead = Linear(feature, 2, generator: &generator)
        shapeHead = Linear(feature, ShapeKind.allCases.count, generator: &generator)
        colorHead = Linear(feature, ShapeColor.allCases.count, generator: &generator)
        sizeHead = Linear(feature, ShapeSize.allCases.count, generator: &generator)
    }

    /// The logits of each head for a batch of cell inputs, with the cells' penultimate features.
    public struct Output {
        /// `[rows, featureWidth]`, one row per cell (image-major, cells in `GridCell` order).
        public var features: Tensor
        public var occupancy: Tensor
        public var shape: Tensor
        public var color: Tensor
        public var size: Tensor
    }

    /// The cell inputs of `count` uint8 images `[count, S, S, 3]`: `[count · 9, inputWidth]`.
    ///
    /// Per cell: the window's pixels scaled to [-1, 1]; its foreground map, each pixel's largest channel
    /// distance from the background (the image's top-left pixel, which no object reaches) divided by the
    /// window's largest, so an outline reads the same in every colour; and the cell id, one-hot.
    public func cellInputs(pixels: [UInt8], count: Int) -> Tensor {
        Self.cellInputs(pixels: pixels, count: count, configuration: configuration)
    }

    /// The cell inputs of `count` uint8 images for a reader of `configuration` (shared with `ShapesCLIP`'s image encoder).
    public static func cellInputs(pixels: [UInt8], count: Int, configuration: SceneReaderConfiguration) -> Tensor {
        let size = configuration.imageSize, window = configuration.windowSize, width = configuration.inputWidth
        precondition(pixels.count == count * size * size * 3,
                     "SceneReader: \(pixels.count) bytes are not \(count) images of \(size) x \(size) x 3")
        let area = window * window
        var inputs = [Float](repeating: 0, count: count * 9 * width)
        for image in 0..<count {
            let corner = image * size * size * 3
            let background = (Int(pixels[corner]), Int(pixels[corner + 1]), Int(pixels[corner + 2]))
            for cell in 0..<9 {
                let row = (image * 9 + cell) * width
                let top = configuration.windowOrigin(cell / 3), left = configuration.windowOrigin(cell % 3)
                var largest = 1
                for y in 0..<window {
                    for x in 0..<window {
                        let offset = ((image * size + top + y) * size + left + x) * 3
                        let (red, green, blue) = (pixels[offset], pixels[offset + 1], pixels[offset + 2])
                        let position = row + (y * window + x) * 3
                        inputs[position] = Float(red) / 127.5 - 1
                        inputs[position + 1] = Float(green) / 127.5 - 1
                        inputs[position + 2] = Float(blue) / 127.5 - 1
                        let distance = max(abs(Int(red) - background.0), abs(Int(green) - background.1), abs(Int(blue) - background.2))
                        inputs[row + 3 * area + y * window + x] = Float(distance)
                        largest = max(largest, distance)
                    }
                }
                let scale = 1 / Float(largest)
                for index in (row + 3 * area)..<(row + 4 * area) { inputs[index] *= scale }
                inputs[row + 4 * area + cell] = 1
            }
        }
        return Tensor(shape: [count * 9, width], scalars: inputs)
    }

    /// The heads' logits and the penultimate features for cell inputs `[rows, inputWidth]`.
    public func callAsFunction(_ inputs: Tensor) -> Output {
        var hidden = inputs
        for layer in trunk { hidden = layer(hidden).geluTanh() }
        return Output(features: hidden, occupancy: occupancyHead(hidden), shape: shapeHead(hidden),
                      color: colorHead(hidden), size: sizeHead(hidden))
    }

    /// The summed cross-entropy of the four heads against the true scenes (attribute heads only on occupied cells).
    public func loss(pixels: [UInt8], scenes: [ShapeScene]) -> Tensor {
        let output = self(cellInputs(pixels: pixels, count: scenes.count))
        var occupied: [Int] = [], shapes: [Int] = [], colors: [Int] = [], sizes: [Int] = []
        for scene in scenes {
            var cells = [ShapeObject?](repeating: nil, count: 9)
            for object in scene.objects { cells[object.cell.id] = object }
            for object in cells {
                occupied.append(object == nil ? 0 : 1)
                shapes.append(object?.shape.id ?? -1)
                colors.append(object?.color.id ?? -1)
                sizes.append(object?.size.id ?? -1)
            }
        }
        return Tensor.crossEntropy(logits: output.occupancy, targets: occupied)
            + Tensor.crossEntropy(logits: output.shape, targets: shapes, ignoreIndex: -1)
            + Tensor.crossEntropy(logits: output.color, targets: colors, ignoreIndex: -1)
            + Tensor.crossEntropy(logits: output.size, targets: sizes, ignoreIndex: -1)
    }

    /// The objects read from each of `count` images (most likely class of every head), in cell order.
    public func read(pixels: [UInt8], count: Int) -> [[ShapeObject]] {
        let output = withNoGradient { self(cellInputs(pixels: pixels, count: count)) }
        let occupancy = Self.argmax(output.occupancy), shape = Self.argmax(output.shape)
        let color = Self.argmax(output.color), size = Self.argmax(output.size)
        return (0..<count).map { image in
            (0..<9).compactMap { cell -> ShapeObject? in
                let row = image * 9 + cell
                guard occupancy[row] == 1 else { return nil }
                return ShapeObject(shape: ShapeKind.allCases[shape[row]], color: ShapeColor.allCases[color[row]],
                                   size: ShapeSize.allCases[size[row]], cell: GridCell(rawValue: cell)!)
            }
        }
    }

    /// The shapes features of `count` images: `[count, 9 · featureWidth]` row-major (cells side by side).
    public func features(pixels: [UInt8], count: Int) -> [Float] {
        withNoGradient { self(cellInputs(pixels: pixels, count: count)).features.floats }
    }

    /// The width of an image's features, `9 · featureWidth`.
    public var imageFeatureWidth: Int { 9 * configuration.featureWidth }

    /// The index of the largest logit of each row of `[rows, classes]`.
    static func argmax(_ logits: Tensor) -> [Int] {
        let classes = logits.shape[1], values = logits.floats
        return (0..<logits.shape[0]).map { row in
            let slice = values[(row * classes)..<((row + 1) * classes)]
            return slice.indices.max { slice[$0] < slice[$1] }! - row * classes
        }
    }
}
