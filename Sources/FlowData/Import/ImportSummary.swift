/// What an import did: images written, files skipped (by reason) and captions dropped beyond the fifth.
///
///     print(summary)  // "imported 118 images; skipped 2 (1 unreadable image, 1 without captions); 14 captions beyond 5 dropped"
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    /// Images written to the file.
    public var importedCount = 0
    /// Skipped files by reason, e.g. `"unreadable image": 3`.
    public var skippedByReason: [String: Int] = [:]
    /// The first few skipped files with their error, for the log.
    public var skippedExamples: [String] = []
    /// Captions beyond `CaptionedImageFileLayout.captionsPerImage` that were not stored.
    public var droppedCaptionCount = 0

    /// Creates an empty summary.
    public init() {}

    /// All skipped files.
    public var skippedCount: Int { skippedByReason.values.reduce(0, +) }

    /// Records a skipped file.
    mutating func skip(_ reason: String, example: String) {
        skippedByReason[reason, default: 0] += 1
        if skippedExamples.count < 10 { skippedExamples.append(example) }
    }

    /// The one-line summary.
    public var description: String {
        var text = "imported \(importedCount) image\(importedCount == 1 ? "" : "s")"
        if skippedCount > 0 {
            let reasons = skippedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            text += "; skipped \(skippedCount) (\(reasons))"
        } else {
            text += "; skipped 0"
        }
        if droppedCaptionCount > 0 { text += "; \(droppedCaptionCount) caption\(droppedCaptionCount == 1 ? "" : "s") beyond 5 dropped" }
        return text
    }
}
