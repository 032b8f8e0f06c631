import FlowModels

/// The scene reader a shapes suite scores with: loaded from the stage cache in `prepare`, then checked against each
/// configuration's image size.
///
/// `prepare` loads the reader for the data's image size from the stage cache (the stage `flowlab eval images` uses,
/// unless a training is given), training it there once with a progress bar when it is absent; data that are not
/// `shapes`, or whose image size is not the reader's, fail there with an ``EvaluatorSuiteError``. `shapes_t2i`,
/// `feature_metrics` and `shapes_pairs` each hold one.
///
/// ```swift
/// var reader = SuiteSceneReader()
/// try reader.prepare(context, suite: "feature_metrics")
/// let evaluation = try reader.evaluation(for: input, suite: "feature_metrics")   // ShapesImageEvaluation
/// ```
struct SuiteSceneReader {
    /// What the distribution metrics are computed on, in their descriptions.
    static let featureSpace = "the scene reader's penultimate features (FlowLab's shapes features, not Inception's)"

    /// The reader's training; nil for the default one at the data's image size (shared with `flowlab eval images`).
    var training: SceneReaderTraining?
    /// The evaluation on the loaded reader; nil until `prepare`.
    private(set) var loaded: ShapesImageEvaluation?

    /// A reader that `prepare` loads (or trains once) from `training`, by default the standard one.
    init(training: SceneReaderTraining? = nil) {
        self.training = training
    }

    /// A reader already loaded.
    init(reader: SceneReader) {
        loaded = ShapesImageEvaluation(reader: reader)
    }

    /// Loads the reader for the data of `context` (which must be `shapes` at the training's image size), errors naming `suite`.
    mutating func prepare(_ context: EvaluationContext, suite: String) throws {
        let shapes = try context.requiredShapes(for: suite)
        let training = self.training ?? SceneReaderStage.standardTraining(imageSize: shapes.imageSize)
        guard training.reader.imageSize == shapes.imageSize else {
            throw EvaluatorSuiteError(suite: suite, "the scene reader reads \(training.reader.imageSize) px images but the data's "
                                      + "images are \(shapes.imageSize) px")
        }
        let stage = try EvaluatorSuiteError.attributing(to: suite) {
            try SceneReaderStage.load(training, cache: context.stages, log: context.log, reporter: context.progress)
        }
        if let warning = stage.accuracyWarning { context.log("\(suite): warning: \(warning)") }
        loaded = ShapesImageEvaluation(reader: stage.reader)
    }

    /// The evaluation on the loaded reader for `input`, whose images must be the reader's size; errors name `suite`.
    func evaluation(for input: EvaluationInput, suite: String) throws -> ShapesImageEvaluation {
        guard let loaded else {
            throw EvaluatorSuiteError(suite: suite, configuration: input.configuration, "evaluated before prepare loaded the scene reader")
        }
        guard input.imageSize == loaded.imageSize else {
            throw EvaluatorSuiteError(suite: suite, configuration: input.configuration,
                                      "the scene reader reads \(loaded.imageSize) px images but the configuration's images "
                                      + "are \(input.imageSize) px")
        }
        return loaded
    }

    /// Entry `name` of `ShapesImageEvaluation.distributionMetrics` (`fid_shapes`, `kid_shapes_mean`, ...) with its description.
    static func distributionMetric(_ name: String, _ value: Double) -> MetricValue {
        // FeatureMetrics' names with "_shapes" added.
        FeatureMetricDescriptions.metric(name.replacingOccurrences(of: "_shapes", with: ""), as: name, value: value,
                                         features: featureSpace)
    }
}
