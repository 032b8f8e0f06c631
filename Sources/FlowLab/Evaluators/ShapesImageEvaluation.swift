import FlowData
import FlowMetrics
import FlowModels

/// Scores generated `shapes` images with the scene reader: distribution metrics in its feature space and exact scene metrics.
///
/// Distribution metrics are computed on the reader's penultimate features and named for them —
/// `fid_shapes`, `kid_shapes_mean`, `kid_shapes_std`, `precision_shapes`, `recall_shapes`,
/// `density_shapes`, `coverage_shapes` — they are not Inception numbers and do not compare with
/// papers' FID. Scene metrics (`t2i_*`, see `TextToImageSceneMetrics`) need the scene each image was
/// asked for.
///
/// ```swift
/// let evaluation = ShapesImageEvaluation(reader: stage.reader)
/// let results = try evaluation.evaluate(real: realPixels, fake: fakePixels, prompts: promptScenes)
/// print(results.jsonObject())
/// ```
public struct ShapesImageEvaluation {
    /// The frozen scene reader.
    public let reader: SceneReader
    /// The distribution metrics' settings (torch-fidelity's and prdc's defaults).
    public var featureMetrics: FeatureMetrics
    /// Images read per batch.
    public var batchSize = 512

    public init(reader: SceneReader, featureMetrics: FeatureMetrics = FeatureMetrics()) {
        self.reader = reader
        self.featureMetrics = featureMetrics
    }

    /// The side of the images the reader reads.
    public var imageSize: Int { reader.configuration.imageSize }

    /// The shapes features of uint8 images `[N, S, S, 3]`; throws when the bytes are not whole images of the reader's size.
    public func features(_ pixels: [UInt8]) throws -> FeatureSet {
        let count = try imageCount(pixels)
        let imageBytes = imageSize * imageSize * 3
        var values: [Float] = []
        values.reserveCapacity(count * reader.imageFeatureWidth)
        for start in stride(from: 0, to: count, by: batchSize) {
            let end = min(count, start + batchSize)
            values += reader.features(pixels: Array(pixels[(start * imageBytes)..<(end * imageBytes)]), count: end - start)
        }
        return try FeatureSet(rows: count, columns: reader.imageFeatureWidth, float32Values: values)
    }

    /// The objects the reader reads from each image.
    public func read(_ pixels: [UInt8]) throws -> [[ShapeObject]] {
        let count = try imageCount(pixels)
        let imageBytes = imageSize * imageSize * 3
        return stride(from: 0, to: count, by: batchSize).flatMap { start in
            let end = min(count, start + batchSize)
            return reader.read(pixels: Array(pixels[(start * imageBytes)..<(end * imageBytes)]), count: end - start)
        }
    }

    /// `fid_shapes`, `kid_shapes_*`, `precision_shapes`, `recall_shapes`, `density_shapes`, `coverage_shapes`.
    public func distributionMetrics(real: [UInt8], fake: [UInt8]) throws -> FeatureMetricResults {
        let results = try featureMetrics.evaluate(real: try features(real), fake: try features(fake))
        return FeatureMetricResults(entries: results.entries.map { entry in
            let name = entry.name.hasPrefix("kid_") ? "kid_shapes_" + entry.name.dropFirst(4) : entry.name + "_shapes"
            return (name, entry.value)
        })
    }

    /// Distribution metrics, then the `t2i_*` scene metrics when `prompts` (one scene per fake image) are given.
    public func evaluate(real: [UInt8], fake: [UInt8], prompts: [ShapeScene]? = nil,
                         heldOut: [ShapeComposition] = []) throws -> FeatureMetricResults {
        var entries = try distributionMetrics(real: real, fake: fake).entries
        if let prompts {
            entries += try TextToImageSceneMetrics.evaluate(readings: try read(fake), prompts: prompts, heldOut: heldOut).entries
        }
        return FeatureMetricResults(entries: entries)
    }

    private func imageCount(_ pixels: [UInt8]) throws -> Int {
        let imageBytes = imageSize * imageSize * 3
        guard !pixels.isEmpty, pixels.count % imageBytes == 0 else {
            throw SceneMetricsError("\(pixels.count) bytes are not whole \(imageSize) x \(imageSize) x 3 images (the scene reader's size)")
        }
        return pixels.count / imageBytes
    }
}
