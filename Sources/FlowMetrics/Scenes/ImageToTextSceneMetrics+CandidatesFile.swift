import FlowData

/// The image-to-text scene metrics of a COCO results file, for `flowlab eval captions --scenes`.
extension ImageToTextSceneMetrics {
    /// Scores the captions of the COCO results file `candidatesFile` (`[{"image_id", "caption"}]`) against `truths`,
    /// `image_id` i naming `truths[i]` (row i of a shapes file's `/objects`).
    ///
    /// Every id must be an integer row of `truths`; rows without a caption are not scored (`i2t_scenes` counts those
    /// that are). A bad file or id is a ``CaptionEvaluationError`` naming the file and the entry.
    ///
    /// ```swift
    /// let results = try ImageToTextSceneMetrics.evaluate(candidatesFile: "results.json", truths: scenes)
    /// results["i2t_exact_scene_accuracy"]
    /// ```
    public static func evaluate(candidatesFile: String, truths: [ShapeScene]) throws -> FeatureMetricResults {
        let candidates = try COCOCaptionFiles.readCandidates(candidatesFile)
        let rows = try candidates.enumerated().map { index, candidate in
            guard case .integer(let row) = candidate.imageID, truths.indices.contains(row) else {
                throw CaptionEvaluationError("\(candidatesFile): [\(index)].image_id: \(candidate.imageID) is not a row of the "
                                             + "\(truths.count) true scenes (image ids 0..<\(truths.count) name the rows of /objects)")
            }
            return row
        }
        return try evaluate(captions: candidates.map(\.caption), truths: rows.map { truths[$0] })
    }
}
