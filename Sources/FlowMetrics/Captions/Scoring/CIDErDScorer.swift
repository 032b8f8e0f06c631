import Foundation

/// CIDEr-D exactly as pycocoevalcap's `Cider` (n = 1...4, sigma = 6) computes it.
///
/// Document frequency `df(g)` = number of images whose reference set contains n-gram `g`;
/// weights `w = tf * (ln N - ln max(1, df))` with `N` the number of images. Per image and order
/// n: for each reference, `sum_g min(w_c, w_r) w_r / (|w_c| |w_r|)` (no division when a norm is
/// 0) times `exp(-(l_c - l_r)^2 / (2 sigma^2))`, where a sentence's length is its number of
/// bigrams (words - 1, at least 0). Image score: `10 * mean_n(sum over references) / #references`;
/// corpus: mean over images. A single image scores 0 (`ln 1 = 0`).
public struct CIDErDScorer: Sendable {
    /// Width of the Gaussian length penalty.
    public let sigma: Double

    /// Creates a scorer (sigma 6 as in pycocoevalcap).
    public init(sigma: Double = 6.0) {
        self.sigma = sigma
    }

    /// Scores tokenized captions; `references[i]` belong to `candidates[i]`.
    public func score(candidates: [String], references: [[String]]) -> CaptionScores {
        score(EncodedCaptions(candidates: candidates, references: references))
    }

    /// A sentence as tf-idf weights per n-gram (sorted ids), norms per order and bigram length.
    struct WeightVector {
        var ids: [Int32]
        var weights: [Double]
        var norms: [Double]
        var length: Int
    }

    /// Scores already-encoded captions.
    func score(_ captions: EncodedCaptions) -> CaptionScores {
        let order = NGramVocabulary.maximumOrder
        let imageCount = captions.candidates.count
        guard imageCount > 0 else { return CaptionScores(corpus: .nan, perImage: []) }

        // Document frequency over reference sets.
        var documentFrequency = [Int32](repeating: 0, count: captions.orders.count)
        var lastImage = [Int32](repeating: -1, count: captions.orders.count)
        for (image, references) in captions.references.enumerated() {
            for reference in references {
                for id in reference.ids where lastImage[Int(id)] != Int32(image) {
                    lastImage[Int(id)] = Int32(image)
                    documentFrequency[Int(id)] += 1
                }
            }
        }
        let logImageCount = log(Double(imageCount))
        var inverseFrequency = [Double](repeating: 0, count: captions.orders.count)
        for id in 0..<captions.orders.count {
            inverseFrequency[id] = logImageCount - log(max(1.0, Double(documentFrequency[id])))
        }

        func vector(_ counts: NGramCounts) -> WeightVector {
            var weights = [Double](repeating: 0, count: counts.ids.count)
            var squaredNorms = [Double](repeating: 0, count: order)
            var bigrams = 0
            for index in 0..<counts.ids.count {
                let id = Int(counts.ids[index])
                let weight = Double(counts.counts[index]) * inverseFrequency[id]
                weights[index] = weight
                let n = Int(captions.orders[id]) - 1
                squaredNorms[n] += weight * weight
                if n == 1 { bigrams += Int(counts.counts[index]) }
            }
            return WeightVector(ids: counts.ids, weights: weights, norms: squaredNorms.map { $0.squareRoot() }, length: bigrams)
        }

        let twoSigmaSquared = 2 * sigma * sigma
        var scores = [Double](repeating: 0, count: imageCount)
        var values = [Double](repeating: 0, count: order)
        for image in 0..<imageCount {
            let candidate = vector(captions.candidates[image])
            var sums = [Double](repeating: 0, count: order)
            for referenceCounts in captions.references[image] {
                let reference = vector(referenceCounts)
                for n in 0..<order { values[n] = 0 }
                // Merge the two sorted id lists; only shared n-grams contribute.
                var i = 0, j = 0
                while i < candidate.ids.count && j < reference.ids.count {
                    let a = candidate.ids[i], b = reference.ids[j]
                    if a < b { i += 1 } else if a > b { j += 1 } else {
                        let n = Int(captions.orders[Int(a)]) - 1
                        values[n] += min(candidate.weights[i], reference.weights[j]) * reference.weights[j]
                        i += 1
                        j += 1
                    }
                }
                let delta = Double(candidate.length - reference.length)
                let penalty = pow(M_E, -(delta * delta) / twoSigmaSquared)
                for n in 0..<order {
                    if candidate.norms[n] != 0 && reference.norms[n] != 0 {
                        values[n] /= candidate.norms[n] * reference.norms[n]
                    }
                    values[n] *= penalty
                    sums[n] += values[n]
                }
            }
            var average = NumpySum.pairwise(sums) / Double(order)  // numpy.mean over the four orders
            average /= Double(captions.references[image].count)
            scores[image] = average * 10.0
        }
        return CaptionScores(corpus: NumpySum.pairwise(scores) / Double(imageCount), perImage: scores)
    }
}
