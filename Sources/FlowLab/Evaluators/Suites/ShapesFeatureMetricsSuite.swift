import FlowModels

/// `feature_metrics`: the distribution metrics of `shapes_t2i` alone, for configurations sampled without prompts.
///
/// `fid_shapes`, `kid_shapes_*`, `precision_shapes`, `recall_shapes`, `density_shapes` and `coverage_shapes` of the
/// generated images against the reference images, on the scene reader's features (FlowLab's shapes features, not
/// Inception's). It needs only images, so it scores unconditional flows; the data must still be `shapes`, at the
/// reader's image size (`SuiteSceneReader` loads the reader in `prepare`, training it once into the stage cache).
/// A spec that lists `shapes_t2i` gets these metrics from it and may not list this suite too.
///
/// ```yaml
/// sample: {guidance: {name: unconditional}}
/// eval: {metrics: [feature_metrics]}
/// ```
///
/// Unchecked `Sendable`: the reader is set once by `prepare` and only read afterwards.
struct ShapesFeatureMetricsSuite: EvaluatorSuite, @unchecked Sendable {
    static let name = "feature_metrics"

    /// The scene reader, loaded (or trained once) by `prepare`.
    private(set) var reader: SuiteSceneReader

    var name: String { Self.name }
    var needs: Set<EvaluationNeed> { [.images] }

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
        if context.stopRequested { return nil }
        let results = try EvaluatorSuiteError.attributing(to: name, configuration: input.configuration) {
            try evaluation.distributionMetrics(real: input.referenceImages, fake: images)
        }
        return results.entries.map { SuiteSceneReader.distributionMetric($0.name, $0.value) }
    }
}
