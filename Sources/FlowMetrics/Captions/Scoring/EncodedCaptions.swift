/// Tokenized candidates and references with their n-gram counts, shared by BLEU and CIDEr-D.
///
/// Sentences are split like pycocoevalcap's scorers (`str.split()`), words and n-grams are
/// interned once, and each sentence keeps its sorted n-gram counts.
struct EncodedCaptions {
    /// Candidate n-gram counts, one per image.
    let candidates: [NGramCounts]
    /// Reference n-gram counts, one list per image.
    let references: [[NGramCounts]]
    /// The order (1...4) of every n-gram id.
    let orders: [UInt8]

    /// Encodes tokenized captions; `references[i]` are the references of `candidates[i]`.
    init(candidates: [String], references: [[String]]) {
        precondition(candidates.count == references.count, "one reference list per candidate")
        var vocabulary = NGramVocabulary()
        var encodedReferences: [[NGramCounts]] = []
        encodedReferences.reserveCapacity(references.count)
        for list in references {
            encodedReferences.append(list.map { vocabulary.countNGrams(vocabulary.encode(PythonWhitespace.splitOnWhitespace($0))) })
        }
        self.candidates = candidates.map { vocabulary.countNGrams(vocabulary.encode(PythonWhitespace.splitOnWhitespace($0))) }
        self.references = encodedReferences
        self.orders = vocabulary.orders
    }
}

/// A corpus-level score and the score of every image, in input order.
public struct CaptionScores: Sendable, Equatable {
    /// The corpus score as pycocoevalcap reports it.
    public let corpus: Double
    /// One score per image, in the order of the inputs.
    public let perImage: [Double]
}
