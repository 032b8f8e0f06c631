import FlowData

/// Options of the `shapes` data set: the procedural benchmark, rendered on the fly.
struct ShapesDataOptions: Decodable, Sendable {
    /// Image side in pixels: 16, 32 or 64.
    var size: Int
    /// Objects per image: 1, 2 or both.
    var objects: [Int]
    /// Long-tail imbalance of compositions, in 0...4 (0: uniform).
    var imbalance: Double
    /// Colour:shape pairs never drawn in train ("blue:triangle").
    var holdout: [ShapeComposition]
    /// The data seed (independent of the experiment's seeds, so every seed trains on the same data set).
    var seed: Int
    /// Training images.
    var trainCount: Int
    /// Test images (prompts and references are drawn from them).
    var testCount: Int
    /// Tokens per caption.
    var captionLength: Int

    enum CodingKeys: String, CodingKey {
        case size, objects, imbalance, holdout, seed
        case trainCount = "train_count", testCount = "test_count", captionLength = "caption_length"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        size = try container.decodeIfPresent(Int.self, forKey: .size, where: .within(16...64)) ?? 32
        if let one = try? container.decodeIfPresent(Int.self, forKey: .objects) {
            objects = [one]
        } else {
            objects = try container.decodeIfPresent([Int].self, forKey: .objects) ?? [1]
        }
        imbalance = try container.decodeIfPresent(Double.self, forKey: .imbalance, where: .within(0...ShapesConfiguration.maximumImbalance)) ?? 0
        holdout = try container.decodeIfPresent([ShapeComposition].self, forKey: .holdout) ?? []
        seed = try container.decodeIfPresent(Int.self, forKey: .seed, where: .nonNegative) ?? 0
        trainCount = try container.decodeIfPresent(Int.self, forKey: .trainCount, where: .within(1...10_000_000)) ?? 20_000
        testCount = try container.decodeIfPresent(Int.self, forKey: .testCount, where: .within(1...1_000_000)) ?? 2_000
        captionLength = try container.decodeIfPresent(Int.self, forKey: .captionLength, where: .within(1...256)) ?? 16
    }

    /// The data set these options describe; a setting `ShapesConfiguration` rejects is a `DataError` naming it.
    func data() throws -> CaptionedImageData {
        let configuration = try ShapesConfiguration(imageSize: size, objectCounts: objects, imbalance: imbalance,
                                                    holdout: holdout, seed: UInt64(seed))
        return CaptionedImageData(
            name: "shapes",
            train: try ShapesDataset(configuration: configuration, split: .train, count: trainCount),
            test: try ShapesDataset(configuration: configuration, split: .test, count: testCount),
            tokenizer: .shapes, captionLength: captionLength, shapes: configuration)
    }
}
