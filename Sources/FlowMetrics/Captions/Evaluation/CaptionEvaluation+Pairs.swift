extension CaptionEvaluation {
    /// The candidates and their references, read and checked as `run()` reads them (raw text, candidate-file order),
    /// for scores computed elsewhere (e.g. FlowLab's caption similarity with a sentence encoder).
    public func captionPairs() throws -> (imageIDs: [CaptionImageID], candidates: [String], references: [[String]]) {
        let candidates = try COCOCaptionFiles.readCandidates(candidatesFile)
        var referencesByImage: [CaptionImageID: [String]] = [:]
        for entry in try COCOCaptionFiles.readReferences(referencesFile) {
            referencesByImage[entry.imageID, default: []].append(entry.caption)
        }
        if let missing = candidates.first(where: { referencesByImage[$0.imageID] == nil }) {
            throw CaptionEvaluationError("image id \(missing.imageID) in \(candidatesFile) has no reference captions in \(referencesFile)")
        }
        return (candidates.map(\.imageID), candidates.map(\.caption), candidates.map { referencesByImage[$0.imageID]! })
    }
}
