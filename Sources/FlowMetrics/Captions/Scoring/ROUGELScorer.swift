/// ROUGE-L exactly as pycocoevalcap's `Rouge` computes it.
///
/// Per image: longest common subsequence with every reference (words split on single spaces, so
/// an empty caption is one empty word), `P = max_ref LCS/|c|` and `R = max_ref LCS/|r|` taken
/// independently, `F = (1 + b^2) P R / (R + b^2 P)` with `b = 1.2` (0 if P or R is 0).
/// Corpus: mean over images.
public struct ROUGELScorer: Sendable {
    /// The recall weight beta.
    public let beta: Double

    /// Creates a scorer (beta 1.2 as in pycocoevalcap).
    public init(beta: Double = 1.2) {
        self.beta = beta
    }

    /// Scores tokenized captions; `references[i]` belong to `candidates[i]`.
    public func score(candidates: [String], references: [[String]]) -> CaptionScores {
        precondition(candidates.count == references.count, "one reference list per candidate")
        var ids: [Substring: Int32] = [:]
        func encode(_ text: String) -> [Int32] {
            PythonWhitespace.splitOnSpace(text).map { word in
                if let id = ids[word] { return id }
                let id = Int32(ids.count)
                ids[word] = id
                return id
            }
        }
        var scores: [Double] = []
        scores.reserveCapacity(candidates.count)
        var row: [Int32] = []
        for (candidate, referenceList) in zip(candidates, references) {
            let candidateWords = encode(candidate)
            var precisionMax = 0.0, recallMax = 0.0
            for reference in referenceList {
                let referenceWords = encode(reference)
                let lcs = Double(Self.longestCommonSubsequence(referenceWords, candidateWords, row: &row))
                precisionMax = max(precisionMax, lcs / Double(candidateWords.count))
                recallMax = max(recallMax, lcs / Double(referenceWords.count))
            }
            if precisionMax != 0 && recallMax != 0 {
                let betaSquared = beta * beta
                scores.append(((1 + betaSquared) * precisionMax * recallMax) / (recallMax + betaSquared * precisionMax))
            } else {
                scores.append(0)
            }
        }
        return CaptionScores(corpus: Self.mean(scores), perImage: scores)
    }

    /// Length of the longest common subsequence (one-row dynamic programme).
    static func longestCommonSubsequence(_ a: [Int32], _ b: [Int32], row: inout [Int32]) -> Int {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        row = [Int32](repeating: 0, count: short.count + 1)
        for word in long {
            var diagonal: Int32 = 0
            for j in 0..<short.count {
                let above = row[j + 1]
                row[j + 1] = word == short[j] ? diagonal + 1 : max(above, row[j])
                diagonal = above
            }
        }
        return Int(row[short.count])
    }

    /// Mean like `numpy.mean` (0 images -> NaN).
    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : NumpySum.pairwise(values) / Double(values.count)
    }
}
