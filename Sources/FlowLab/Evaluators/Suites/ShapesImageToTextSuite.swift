import FlowData
import FlowMetrics

/// `shapes_i2t`: whether generated captions are shapes captions and describe the true scenes of their images.
///
/// Caption `i` was generated from reference image `i`; it is parsed with `ShapeCaptionParser` and compared with
/// that image's true scene (`EvaluationInput.referenceScenes`) by `ImageToTextSceneMetrics`: the grammatical rate,
/// and per-attribute, object and exact-scene accuracy (`i2t_*`), an ungrammatical caption counting wrong in every
/// attribute. No network: the captions are read exactly.
struct ShapesImageToTextSuite: EvaluatorSuite {
    static let name = "shapes_i2t"

    var name: String { Self.name }
    var needs: Set<EvaluationNeed> { [.captions] }

    /// Checks that the data set is `shapes` (the true scenes exist).
    mutating func prepare(_ context: EvaluationContext) throws {
        _ = try context.requiredShapes(for: name)
    }

    func evaluate(_ input: EvaluationInput, context: EvaluationContext) throws -> [MetricValue]? {
        if context.stopRequested { return nil }
        let captions = try input.requiredCaptions(for: name)
        guard let truths = input.referenceScenes else {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration,
                                      "the reference images come without their true scenes (the data set must be shapes)")
        }
        let results = try EvaluatorSuiteError.attributing(to: name, configuration: input.configuration) {
            try ImageToTextSceneMetrics.evaluate(captions: captions, truths: truths)
        }
        return results.entries.map { entry in
            if entry.name == "i2t_grammatical_rate" {
                return MetricValue(name: entry.name, value: entry.value,
                                   description: "fraction of generated captions that parse as shapes captions (ShapeCaptionParser)",
                                   higherIsBetter: true)
            }
            return SceneMetricDescriptions.metric(entry.name, prefix: "i2t_", value: entry.value, truth: "true",
                                                  prediction: "the generated caption describes (none when it does not parse)")
        }
    }
}
