import FlowMetrics

/// `shapes_pixels`: colour and position accuracy of one-object prompts read from the pixels, with no network.
///
/// Cheap enough for every test (a pass over the pixels); what it reads is `PixelSceneMetrics`. Only the prompts
/// of one object are scored; the metrics are NaN when a configuration has none.
///
/// ```yaml
/// eval:
///   metrics: [shapes_pixels]
/// ```
struct ShapesPixelSuite: EvaluatorSuite {
    static let name = "shapes_pixels"
    /// What each metric is, in `PixelSceneMetrics.names` order.
    static let descriptions = [
        "fraction of one-object prompts whose image's most salient cell (mean RGB farthest from the image's median colour) "
            + "has the prompted colour, read as the palette colour whose segment from the median passes nearest the "
            + "cell's mean (pixels only; chance 1/6)",
        "fraction of one-object prompts whose image's most salient cell (mean RGB farthest from the image's median colour) "
            + "is the prompted cell of the 3 x 3 grid (pixels only; chance 1/9)",
    ]

    var name: String { Self.name }
    var needs: Set<EvaluationNeed> { [.images, .promptScenes] }

    /// Nothing to load.
    mutating func prepare(_ context: EvaluationContext) throws {}

    func evaluate(_ input: EvaluationInput, context: EvaluationContext) throws -> [MetricValue]? {
        if context.stopRequested { return nil }
        let images = try input.requiredImages(for: name)
        let prompts = try input.requiredPromptScenes(for: name)
        let results = try EvaluatorSuiteError.attributing(to: name, configuration: input.configuration) {
            try PixelSceneMetrics.evaluate(pixels: images, imageSize: input.imageSize, prompts: prompts)
        }
        return zip(results.entries, Self.descriptions).map { entry, description in
            MetricValue(name: entry.name, value: entry.value, description: description, higherIsBetter: true)
        }
    }
}
