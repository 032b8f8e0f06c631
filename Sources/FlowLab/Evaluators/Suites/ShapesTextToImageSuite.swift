import FlowData
import FlowMetrics
import FlowModels

/// `shapes_t2i`: what `flowlab eval images` reports for shapes, in the scene reader's feature space and scene by scene.
///
/// `prepare` loads the scene reader for the data's image size (`SuiteSceneReader`: the stage `flowlab eval images`
/// uses), training it once into the stage cache with a progress bar when it is absent. Each configuration then gets
/// the distribution metrics of its images against the reference images (`fid_shapes`, `kid_shapes_*`,
/// `precision_shapes`, `recall_shapes`, `density_shapes`, `coverage_shapes`: FlowLab's shapes features, not
/// Inception's; `feature_metrics` reports them alone, for unprompted configurations) and the exact scene metrics of
/// what the reader reads against each prompt's scene (`t2i_*`), also on the prompts naming a held-out composition of
/// the data (`t2i_heldout_*`). The computation is `ShapesImageEvaluation`'s.
///
/// Unchecked `Sendable`: the reader is set once by `prepare` and only read afterwards.
struct ShapesTextToImageSuite: EvaluatorSuite, @unchecked Sendable {
    static let name = "shapes_t2i"

    /// The scene reader, loaded (or trained once) by `prepare`.
    private(set) var reader: SuiteSceneReader

    var name: String { Self.name }
    var needs: Set<EvaluationNeed> { [.images, .promptScenes] }
    /// `feature_metrics` reports this suite's distribution metrics alone, under the same names.
    var includedSuites: Set<String> { [ShapesFeatureMetricsSuite.name] }

    /// A suite that loads (or trains once) the reader of `training` in `prepare`, by default the standard one.
    init(training: SceneReaderTraining? = nil) {
        reader = SuiteSceneReader(training: training)
    }

    /// A suite already prepared with `reader`.
    init(reader: SceneReader) {
        self.reader = SuiteSceneReader(reader: reader)
    }

    mutating func prepare(_ context: EvaluationContext) throws {
        try reader.prepare(context, suite: name)
    }

    func evaluate(_ input: EvaluationInput, context: EvaluationContext) throws -> [MetricValue]? {
        let evaluation = try reader.evaluation(for: input, suite: name)
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
        return SuiteSceneReader.distributionMetric(name, value)
    }
}
