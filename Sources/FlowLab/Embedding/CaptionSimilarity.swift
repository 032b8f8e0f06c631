import FlowModels
import FlowTensor

/// CrossFlows' "Caption Sim": for each image, the mean over its references of cos(candidate, reference) between
/// sentence embeddings (all-MiniLM-L6-v2), reported as the mean and standard deviation over images.
///
/// ```swift
/// let encoder = try SentenceEncoder.miniLM()
/// let similarity = CaptionSimilarity(candidates: ["a red circle"], references: [["a small red circle", "red circle"]],
///                                    encoder: encoder)
/// similarity.mean, similarity.standardDeviation   // the paper reports 0.61 ± 0.16 on COCO
/// ```
public struct CaptionSimilarity: Sendable {
    /// Per image (candidate order): the mean cosine similarity to its references.
    public let perImage: [Double]
    /// The mean over images.
    public let mean: Double
    /// The population standard deviation over images (NumPy's `std`).
    public let standardDeviation: Double
    /// The encoder's name.
    public let model: String

    /// Embeds every candidate and reference once (distinct texts only) and scores each image.
    public init(candidates: [String], references: [[String]], encoder: SentenceEncoder, batchSize: Int = 64) {
        precondition(candidates.count == references.count, "one reference list per candidate")
        precondition(references.allSatisfy { !$0.isEmpty }, "every candidate needs at least one reference")
        var distinct: [String] = []
        var row: [String: Int] = [:]
        for text in candidates + references.flatMap({ $0 }) where row[text] == nil {
            row[text] = distinct.count
            distinct.append(text)
        }
        let vectors = encoder.embed(distinct, batchSize: batchSize).floats
        let width = encoder.width
        func cosine(_ a: String, _ b: String) -> Double {
            let (i, j) = (row[a]! * width, row[b]! * width)
            var dot = 0.0
            for feature in 0..<width { dot += Double(vectors[i + feature]) * Double(vectors[j + feature]) }
            return dot   // rows are unit vectors
        }
        perImage = zip(candidates, references).map { candidate, list in
            list.reduce(0) { $0 + cosine(candidate, $1) } / Double(list.count)
        }
        let count = Double(max(perImage.count, 1))
        let average = perImage.reduce(0, +) / count
        mean = average
        standardDeviation = (perImage.reduce(0) { $0 + ($1 - average) * ($1 - average) } / count).squareRoot()
        model = encoder.name
    }
}
