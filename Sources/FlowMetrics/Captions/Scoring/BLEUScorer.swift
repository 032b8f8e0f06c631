import Foundation

/// Corpus BLEU-1...4 exactly as pycocoevalcap's `Bleu(4)` computes it.
///
/// Per image: clipped n-gram matches against the per-n-gram maximum count over the references,
/// the "closest" reference length (ties -> shorter). Corpus: sums of matches, guesses and lengths;
/// `BLEU_n = (prod_{k<=n} (correct_k + 1e-15) / (guess_k + 1e-9))^(1/n)`, times
/// `exp(1 - 1/ratio)` when `ratio = (c + 1e-15)/(r + 1e-9) < 1`. Per-image scores use the same
/// formula on one image's counts.
public struct BLEUScorer: Sendable {
    /// Highest n-gram order (4 for Bleu_1...Bleu_4).
    public static let order = 4

    /// Creates a scorer.
    public init() {}

    /// Scores tokenized captions; `references[i]` belong to `candidates[i]`.
    /// - Returns: four `CaptionScores`, for Bleu_1 ... Bleu_4.
    public func score(candidates: [String], references: [[String]]) -> [CaptionScores] {
        score(EncodedCaptions(candidates: candidates, references: references))
    }

    /// Scores already-encoded captions.
    func score(_ captions: EncodedCaptions) -> [CaptionScores] {
        let n = Self.order
        let small = 1e-9, tiny = 1e-15
        var maximumReferenceCount = [Int32](repeating: 0, count: captions.orders.count)
        var totalCorrect = [Int](repeating: 0, count: n), totalGuess = [Int](repeating: 0, count: n)
        var totalCandidateLength = 0, totalReferenceLength = 0
        var perImage = [[Double]](repeating: [], count: n)
        for order in 0..<n { perImage[order].reserveCapacity(captions.candidates.count) }

        for (candidate, references) in zip(captions.candidates, captions.references) {
            for reference in references {
                for (id, count) in zip(reference.ids, reference.counts) where count > maximumReferenceCount[Int(id)] {
                    maximumReferenceCount[Int(id)] = count
                }
            }
            var correct = [Int](repeating: 0, count: n)
            for (id, count) in zip(candidate.ids, candidate.counts) {
                correct[Int(captions.orders[Int(id)]) - 1] += Int(min(count, maximumReferenceCount[Int(id)]))
            }
            for reference in references {
                for id in reference.ids { maximumReferenceCount[Int(id)] = 0 }
            }
            let testLength = candidate.length
            let referenceLength = closestLength(references.map(\.length), to: testLength)
            let guess = (1...n).map { max(0, testLength - $0 + 1) }

            var bleu = 1.0
            for k in 0..<n {
                bleu *= (Double(correct[k]) + tiny) / (Double(guess[k]) + small)
                perImage[k].append(pow(bleu, 1.0 / Double(k + 1)))
            }
            let ratio = (Double(testLength) + tiny) / (Double(referenceLength) + small)
            if ratio < 1 {
                let brevity = exp(1 - 1 / ratio)
                for k in 0..<n { perImage[k][perImage[k].count - 1] *= brevity }
            }
            totalCandidateLength += testLength
            totalReferenceLength += referenceLength
            for k in 0..<n {
                totalCorrect[k] += correct[k]
                totalGuess[k] += guess[k]
            }
        }

        var corpus = [Double](repeating: 0, count: n)
        var bleu = 1.0
        for k in 0..<n {
            bleu *= (Double(totalCorrect[k]) + tiny) / (Double(totalGuess[k]) + small)
            corpus[k] = pow(bleu, 1.0 / Double(k + 1))
        }
        let ratio = (Double(totalCandidateLength) + tiny) / (Double(totalReferenceLength) + small)
        if ratio < 1 {
            let brevity = exp(1 - 1 / ratio)
            for k in 0..<n { corpus[k] *= brevity }
        }
        return (0..<n).map { CaptionScores(corpus: corpus[$0], perImage: perImage[$0]) }
    }

    /// The reference length closest to `length`; ties go to the shorter one.
    func closestLength(_ lengths: [Int], to length: Int) -> Int {
        var best = lengths[0]
        for candidate in lengths.dropFirst() {
            let distance = abs(candidate - length), bestDistance = abs(best - length)
            if distance < bestDistance || (distance == bestDistance && candidate < best) { best = candidate }
        }
        return best
    }
}
