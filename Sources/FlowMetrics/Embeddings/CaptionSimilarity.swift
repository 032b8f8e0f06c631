/// Caption similarity (CrossFlows): the cosine similarity of paired sentence embeddings, mean and spread.
///
/// Row i of `generated` is compared with row i of `references` (for example all-MiniLM-L6-v2 embeddings of
/// a generated caption and its ground-truth caption). The standard deviation is the population one
/// (NumPy's default `np.std`, ddof = 0), which is what a paper computing `sims.std()` reports.
public struct CaptionSimilarity: Sendable, Equatable {
    /// Mean cosine similarity over pairs.
    public let mean: Double
    /// Population standard deviation of the cosine similarities.
    public let standardDeviation: Double

    /// Computes the statistics from row-paired sentence embeddings.
    ///
    /// - Throws: `FeatureMetricsError` for empty sets, different widths or counts, or all-zero embeddings.
    public init(generated: FeatureSet, references: FeatureSet) throws {
        let cosines = try PairedCosineSimilarities.compute(generated, role: "generated caption", references, role: "reference caption")
        let count = Double(cosines.count)
        let mean = cosines.reduce(0, +) / count
        self.mean = mean
        standardDeviation = (cosines.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count).squareRoot()
    }

    /// The named values, in a fixed order: `caption_similarity_mean`, `caption_similarity_std`.
    public var entries: [(name: String, value: Double)] {
        [("caption_similarity_mean", mean), ("caption_similarity_std", standardDeviation)]
    }
}
