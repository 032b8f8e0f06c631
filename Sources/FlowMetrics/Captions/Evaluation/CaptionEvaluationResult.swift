import Foundation

/// Corpus and per-image caption scores, keyed by pycocoevalcap's metric names, in its order
/// (`Bleu_1 ... Bleu_4, METEOR, ROUGE_L, CIDEr`).
public struct CaptionEvaluationResult: Sendable {
    /// Image ids in candidate-file order.
    public let imageIDs: [CaptionImageID]
    /// `(metric name, scores)` in pycocoevalcap's order; METEOR only when it ran.
    public let metrics: [(name: String, scores: CaptionScores)]
    /// `METEOR unavailable: <reason>` when METEOR was requested but could not run.
    public let meteorUnavailable: String?

    /// Creates a result (used by ``CaptionEvaluation``).
    public init(imageIDs: [CaptionImageID], metrics: [(String, CaptionScores)], meteorUnavailable: String?) {
        self.imageIDs = imageIDs
        self.metrics = metrics.map { (name: $0.0, scores: $0.1) }
        self.meteorUnavailable = meteorUnavailable
    }

    /// Corpus scores in pycocoevalcap's order.
    public var corpusScores: [(name: String, value: Double)] {
        metrics.map { (name: $0.name, value: $0.scores.corpus) }
    }

    /// The corpus score of `metric` (e.g. `"CIDEr"`), or `nil` if it was not computed.
    public func corpusScore(_ metric: String) -> Double? {
        metrics.first { $0.name == metric }?.scores.corpus
    }

    /// Corpus scores as a dictionary (key order is not kept; see ``jsonString()``).
    public func jsonObject() -> [String: Double] {
        Dictionary(uniqueKeysWithValues: corpusScores.map { ($0.name, $0.value) })
    }

    /// The corpus scores as one JSON object, keys in pycocoevalcap's order.
    public func jsonString() -> String {
        CaptionJSON.object(corpusScores.map { ($0.name, CaptionJSON.number($0.value)) })
    }

    /// Per-image scores as a JSON array of `{"image_id", "Bleu_1", ...}` objects (candidate order),
    /// like pycocoevalcap's `evalImgs`.
    public func perImageJSON() -> String {
        let rows = imageIDs.indices.map { index -> String in
            let pairs = [("image_id", imageIDs[index].description)]
                + metrics.map { ($0.name, CaptionJSON.number($0.scores.perImage[index])) }
            return "  " + CaptionJSON.object(pairs)
        }
        return "[\n" + rows.joined(separator: ",\n") + "\n]\n"
    }

    /// Writes ``perImageJSON()`` atomically (temporary file in the same folder, then rename).
    public func writePerImageJSON(to url: URL) throws {
        do {
            try Data(perImageJSON().utf8).write(to: url, options: .atomic)
        } catch {
            throw CaptionEvaluationError("cannot write per-image scores to \(url.path): \(error.localizedDescription)")
        }
    }
}
