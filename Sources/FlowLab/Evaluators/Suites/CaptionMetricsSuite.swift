import FlowMetrics
import FlowModels
import FlowNN
import Foundation

/// `caption_metrics`: COCO caption metrics of the generated captions against the reference captions, and CrossFlows'
/// caption similarity.
///
/// Caption `i` is scored against every reference caption of reference image `i`. BLEU-1..4, ROUGE-L and CIDEr(-D)
/// are pycocoevalcap's (`CaptionEvaluation`: PTB tokenization, corpus scores); METEOR (`meteor`) only with option
/// `meteor: true`, as it needs Java and the reference jar (`prepare` fails with the reason when either is missing). `caption_similarity` (option `similarity`, on by default) is the mean over images of
/// the mean cosine between the caption's and its references' all-MiniLM-L6-v2 embeddings
/// (`ReferenceCaptionSimilarity`); `prepare` loads MiniLM and fails with one line naming `make weights` when its
/// weights are missing.
struct CaptionMetricsSuite: EvaluatorSuite {
    static let name = "caption_metrics"
    /// The metric names of `CaptionEvaluation` (pycocoevalcap's), this suite's names and descriptions.
    static let cocoMetrics: [(coco: String, name: String, description: String)] = [
        ("Bleu_1", "bleu_1", "corpus BLEU-1 of the generated captions against the reference captions of the same images "
            + "(pycocoevalcap: PTB tokenization, clipped unigram precision, brevity penalty on the closest reference lengths)"),
        ("Bleu_2", "bleu_2", "corpus BLEU-2 of the generated captions against the reference captions of the same images (pycocoevalcap)"),
        ("Bleu_3", "bleu_3", "corpus BLEU-3 of the generated captions against the reference captions of the same images (pycocoevalcap)"),
        ("Bleu_4", "bleu_4", "corpus BLEU-4 of the generated captions against the reference captions of the same images (pycocoevalcap)"),
        ("ROUGE_L", "rouge_l", "mean over images of ROUGE-L, the longest-common-subsequence F-measure (beta 1.2, precision "
            + "and recall each the best over the references) of the generated caption (pycocoevalcap)"),
        ("CIDEr", "cider", "CIDEr-D (n-grams up to 4, TF-IDF weights from the evaluated images' references, length penalty "
            + "sigma 6, x10) of the generated captions against the reference captions, mean over images (pycocoevalcap's CIDEr; "
            + "0 for a single image)"),
    ]

    /// Whether `caption_similarity` is computed.
    var includeSimilarity: Bool
    /// Whether `meteor` is computed (Java METEOR 1.5).
    var includeMETEOR: Bool
    /// Where the MiniLM weights are looked for.
    var weightsRoot: URL
    /// MiniLM; nil until `prepare` (or without similarity).
    private(set) var encoder: SentenceEncoder?

    var name: String { Self.name }
    var needs: Set<EvaluationNeed> { [.captions] }

    init(includeSimilarity: Bool = true, includeMETEOR: Bool = false, weightsRoot: URL = PretrainedWeights.root) {
        self.includeSimilarity = includeSimilarity
        self.includeMETEOR = includeMETEOR
        self.weightsRoot = weightsRoot
    }

    mutating func prepare(_ context: EvaluationContext) throws {
        if includeMETEOR {
            _ = try EvaluatorSuiteError.attributing(to: name) { try METEORScorer() }
        }
        guard includeSimilarity else { return }
        let root = weightsRoot
        encoder = try EvaluatorSuiteError.attributing(to: name) { try SentenceEncoder.miniLM(root: root) }
    }

    func evaluate(_ input: EvaluationInput, context: EvaluationContext) throws -> [MetricValue]? {
        let captions = try input.requiredCaptions(for: name)
        if let empty = input.referenceCaptions.firstIndex(where: \.isEmpty) {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration, "reference image \(empty) has no reference caption")
        }
        if includeSimilarity && encoder == nil {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration, "evaluated before prepare loaded MiniLM")
        }
        if context.stopRequested { return nil }
        let result = try EvaluatorSuiteError.attributing(to: name, configuration: input.configuration) {
            try CaptionEvaluation.score(imageIDs: captions.indices.map { .integer($0) }, candidates: captions,
                                        references: input.referenceCaptions, includeMETEOR: includeMETEOR)
        }
        if includeMETEOR, let reason = result.meteorUnavailable {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration, reason)
        }
        var values = Self.cocoMetrics.map { metric in
            MetricValue(name: metric.name, value: result.corpusScore(metric.coco) ?? .nan, description: metric.description,
                        higherIsBetter: true)
        }
        if includeMETEOR {
            values.append(MetricValue(name: "meteor", value: result.corpusScore("METEOR") ?? .nan,
                                      description: "METEOR 1.5 of the generated captions against the reference captions (pycocoevalcap's Java "
                                          + "scorer: exact, stem, synonym and paraphrase matches, language en, normalised)", higherIsBetter: true))
        }
        if let encoder {
            if context.stopRequested { return nil }
            let similarity = ReferenceCaptionSimilarity(candidates: captions, references: input.referenceCaptions, encoder: encoder)
            values.append(MetricValue(
                name: "caption_similarity", value: similarity.mean,
                description: "mean over images of the mean cosine similarity between the generated caption's and each reference "
                    + "caption's all-MiniLM-L6-v2 sentence embeddings (CrossFlows' Caption Sim)", higherIsBetter: true))
            values.append(MetricValue(
                name: "caption_similarity_std", value: similarity.standardDeviation,
                description: "standard deviation over images of the per-image caption_similarity", higherIsBetter: nil))
        }
        return values
    }
}
