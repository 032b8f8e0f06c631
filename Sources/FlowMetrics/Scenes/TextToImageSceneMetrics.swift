import FlowData

/// Exact text-to-image metrics on `shapes`: how well generated images draw the scenes their prompts describe.
///
/// The scene of each generated image is what the scene reader reads from it; the prompt's scene is
/// parsed from the prompt (or given). Reports per-attribute, object and exact-scene accuracy on all
/// prompts (`t2i_*`) and on the prompts that name a held-out colour x shape composition (`t2i_heldout_*`,
/// NaN when there are none).
///
/// ```swift
/// let results = try TextToImageSceneMetrics.evaluate(readings: readings, prompts: scenes,
///                                                    heldOut: [ShapeComposition(color: .blue, shape: .triangle)])
/// results["t2i_exact_scene_accuracy"]
/// ```
public enum TextToImageSceneMetrics {
    /// Scores `readings[i]` (objects read from generated image i) against `prompts[i]`.
    public static func evaluate(readings: [[ShapeObject]], prompts: [ShapeScene],
                                heldOut: [ShapeComposition] = []) throws -> FeatureMetricResults {
        try SceneMetricsError.checkPaired(readings.count, "image readings", prompts.count, "prompt scenes")
        let held = Set(heldOut)
        var all = SceneAttributeTally(), heldOutTally = SceneAttributeTally()
        for (reading, prompt) in zip(readings, prompts) {
            all.add(predicted: reading, truth: prompt)
            if prompt.objects.contains(where: { held.contains(ShapeComposition(color: $0.color, shape: $0.shape)) }) {
                heldOutTally.add(predicted: reading, truth: prompt)
            }
        }
        return FeatureMetricResults(entries: all.entries(prefix: "t2i_") + heldOutTally.entries(prefix: "t2i_heldout_"))
    }
}
