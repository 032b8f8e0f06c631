import FlowData
import FlowMetrics
import FlowModels

/// `shapes_t2i`: what `flowlab eval images` reports for shapes, in the scene reader's feature space and scene by scene.
///
/// `prepare` loads the scene reader for the data's image size from the stage cache (the stage `flowlab eval images`
/// uses), training it there once with a progress bar when it is absent. Each configuration then gets the
/// distribution metrics of its images against the reference images (`fid_shapes`, `kid_shapes_*`,
/// `precision_shapes`, `recall_shapes`, `density_shapes`, `coverage_shapes`: FlowLab's shapes features, not
/// Inception's) and the exact scene metrics of what the reader reads against each prompt's scene (`t2i_*`), also on
/// the prompts naming a held-out composition of the data (`t2i_heldout_*`). The computation is
/// `ShapesImageEvaluation`'s.
///
/// Unchecked `Sendable`: the reader is set once by `prepare` and only read afterwards.
struct ShapesTextToImageSuite: EvaluatorSuite, @unchecked Sendable {
    static let name = "shapes_t2i"
    /// What the distribution metrics are computed on, in their descriptions.
    static let featureSpace = "the scene reader's penultimate features (FlowLab's shapes features, not Inception's)"

    /// The reader's training; nil for the default one at the data's image size (shared with `flowlab eval images`).
    var training: SceneReaderTraining?
    /// The evaluation on the loaded reader; nil until `prepare`.
    private(set) var evaluation: ShapesImageEvaluation?

    var name: String { Self.name }
    var needs: Set<EvaluationNeed> { [.images, .promptScenes] }

    /// A suite that loads (or trains once) the reader of `training` in `prepare`, by default the standard one.
    init(training: SceneReaderTraining? = nil) {
        self.training = training
    }

    /// A suite already prepared with `reader`.
    init(reader: SceneReader) {
        evaluation = ShapesImageEvaluation(reader: reader)
    }

    mutating func prepare(_ context: EvaluationContext) throws {
        let shapes = try context.requiredShapes(for: name)
        let training = self.training ?? SceneReaderStage.standardTraining(imageSize: shapes.imageSize)
        guard training.reader.imageSize == shapes.imageSize else {
            throw EvaluatorSuiteError(suite: name, "the scene reader reads \(training.reader.imageSize) px images but the data's "
                                      + "images are \(shapes.imageSize) px")
        }
        let stage = try EvaluatorSuiteError.attributing(to: name) {
            try SceneReaderStage.load(training, cache: context.stages, log: context.log, reporter: context.progress)
        }
        if let warning = stage.accuracyWarning { context.log("\(name): warning: \(warning)") }
        evaluation = ShapesImageEvaluation(reader: stage.reader)
    }

    func evaluate(_ input: EvaluationInput, context: EvaluationContext) throws -> [MetricValue]? {
        guard let evaluation else {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration, "evaluated before prepare loaded the scene reader")
        }
        guard input.imageSize == evaluation.imageSize else {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration,
                                      "the scene reader reads \(evaluation.imageSize) px images but the configuration's images "
                                      + "are \(input.imageSize) px")
        }
        let images = try input.requiredImages(for: name)
        let prompts = try input.requiredPromptScenes(for: name)
        if context.stopRequested { return nil }
        let results = try EvaluatorSuiteError.attributing(to: name, configuration: input.configuration) {
            try evaluation.evaluate(real: input.referenceImages, fake: images, prompts: prompts, heldOut: input.shapes?.holdout ?? [])
        }
        return results.entries.map { Self.metric($0.name, $0.value) }
    }

    /// Entry `name` of `ShapesImageEvaluation` with its description.
    static func metric(_ name: String, _ value: Double) -> MetricValue {
        let prediction = "the scene reader reads from the generated image"
        if name.hasPrefix("t2i_heldout_") {
            return SceneMetricDescriptions.metric(name, prefix: "t2i_heldout_", value: value, truth: "prompted", prediction: prediction,
                                                  subset: "only prompts naming a held-out colour x shape composition of the data (NaN when none does)")
        }
        if name.hasPrefix("t2i_") {
            return SceneMetricDescriptions.metric(name, prefix: "t2i_", value: value, truth: "prompted", prediction: prediction)
        }
        // fid_shapes, kid_shapes_mean, precision_shapes, ...: FeatureMetrics' names with "_shapes" added.
        return FeatureMetricDescriptions.metric(name.replacingOccurrences(of: "_shapes", with: ""), as: name, value: value,
                                                features: featureSpace)
    }
}
