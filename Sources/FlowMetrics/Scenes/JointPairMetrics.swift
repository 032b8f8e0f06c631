import FlowData

/// Metrics of jointly generated image + caption pairs on `shapes` (CrossFlows' unconditional generation).
///
/// - `pair_consistency`: the fraction of pairs whose caption parses to exactly the scene the reader reads
///   from the image (an ungrammatical caption is inconsistent);
/// - `caption_grammatical_rate`;
/// - concept metrics against the data's colour x shape distribution, from the images (reader) and from the
///   captions (parser): `concept_tv_images`, `concept_tv_captions` (total variation), and the mass on the data's
///   rarest concepts holding 20% of its mass, `rare_mass_images`, `rare_mass_captions`, next to the data's own
///   mass there, `rare_mass_data` (Appendix C of CrossFlows: a faithful generator keeps it).
///
/// ```swift
/// let results = try JointPairMetrics.evaluate(readings: readerObjects, captions: captions, data: trainConcepts)
/// results["pair_consistency"]
/// ```
public enum JointPairMetrics {
    /// Scores the pairs (`readings[i]` read from image i, `captions[i]` its caption) against the `data` concepts.
    public static func evaluate(readings: [[ShapeObject]], captions: [String], data: ConceptDistribution,
                                rareFraction: Double = 0.2) throws -> FeatureMetricResults {
        try SceneMetricsError.checkPaired(readings.count, "image readings", captions.count, "captions")
        guard data.objectCount > 0 else { throw SceneMetricsError("the data concept distribution counts no objects") }
        let parsed = captions.map(ShapeCaptionParser.scene(from:))
        var consistent = 0
        for (reading, scene) in zip(readings, parsed) {
            if let scene, Set(scene.objects) == Set(reading), scene.objects.count == reading.count { consistent += 1 }
        }
        let images = ConceptDistribution(objects: readings.flatMap { $0 })
        let texts = ConceptDistribution(objects: parsed.compactMap { $0 }.flatMap(\.objects))
        let count = Double(captions.count)
        return FeatureMetricResults(entries: [
            ("pair_consistency", Double(consistent) / count),
            ("caption_grammatical_rate", Double(parsed.compactMap { $0 }.count) / count),
            ("concept_tv_images", images.totalVariation(from: data)),
            ("concept_tv_captions", texts.objectCount > 0 ? texts.totalVariation(from: data) : .nan),
            ("rare_mass_images", images.massOnRarest(of: data, fraction: rareFraction)),
            ("rare_mass_captions", texts.objectCount > 0 ? texts.massOnRarest(of: data, fraction: rareFraction) : .nan),
            ("rare_mass_data", data.massOnRarest(of: data, fraction: rareFraction)),
            ("pairs", count),
        ])
    }
}
