import FlowData

/// Exact image-to-text metrics on `shapes`: whether generated captions are grammatical and describe the true scene.
///
/// Each caption is parsed with `ShapeCaptionParser`; an ungrammatical caption counts as wrong in every
/// attribute. Reports `i2t_grammatical_rate` and per-attribute, object and exact-scene accuracy (`i2t_*`).
///
/// ```swift
/// let results = try ImageToTextSceneMetrics.evaluate(captions: ["a small red circle in the center"], truths: [scene])
/// results["i2t_grammatical_rate"]   // 1
/// ```
public enum ImageToTextSceneMetrics {
    /// Scores `captions[i]` against the true scene `truths[i]` of the image it was generated from.
    public static func evaluate(captions: [String], truths: [ShapeScene]) throws -> FeatureMetricResults {
        try SceneMetricsError.checkPaired(captions.count, "captions", truths.count, "true scenes")
        var tally = SceneAttributeTally()
        var grammatical = 0
        for (caption, truth) in zip(captions, truths) {
            if let scene = ShapeCaptionParser.scene(from: caption) {
                grammatical += 1
                tally.add(predicted: scene.objects, truth: truth)
            } else {
                tally.addMissing(truth: truth)
            }
        }
        return FeatureMetricResults(entries: [("i2t_grammatical_rate", Double(grammatical) / Double(captions.count))]
            + tally.entries(prefix: "i2t_"))
    }
}
