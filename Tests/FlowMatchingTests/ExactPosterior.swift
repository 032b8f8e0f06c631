import FlowTensor
import Foundation
@testable import FlowMatching

/// The exact factorised posterior `p(x_1^i | x_t)` of a small joint distribution over L tokens, under a
/// mixture path with a given source: the "perfect model" for testing discrete samplers.
struct ExactPosterior {
    /// Probabilities of every data sequence, indexed by `index(of:)` (base `vocabulary`, first token most significant).
    let target: [Double]
    let vocabulary: Int
    let length: Int
    let sourceProbabilities: [Double]
    let scheduler: any ConvexScheduler

    var modelVocabulary: Int { sourceProbabilities.count }

    func sequence(_ index: Int) -> [Int] {
        var rest = index
        var tokens = [Int](repeating: 0, count: length)
        for position in stride(from: length - 1, through: 0, by: -1) {
            tokens[position] = rest % vocabulary
            rest /= vocabulary
        }
        return tokens
    }

    func index(of tokens: ArraySlice<Int>) -> Int { tokens.reduce(0) { $0 * vocabulary + $1 } }

    /// Logits `[B, L, modelVocabulary]` (Float64).
    func logits(_ state: DiscreteState, _ t: Tensor) -> Tensor {
        let times = t.doubles
        let kappas = scheduler(Tensor(shape: [times.count], scalars: times)).alpha.doubles
        var result: [Double] = []
        for row in 0..<state.batchSize {
            let current = Array(state.row(row))
            let kappa = kappas[row]
            var marginals = [[Double]](repeating: [Double](repeating: 0, count: modelVocabulary), count: length)
            for candidate in target.indices where target[candidate] > 0 {
                let data = sequence(candidate)
                var weight = target[candidate]
                for position in 0..<length {
                    let same = current[position] == data[position] ? kappa : 0
                    weight *= same + (1 - kappa) * sourceProbabilities[current[position]]
                }
                for position in 0..<length { marginals[position][data[position]] += weight }
            }
            for position in 0..<length {
                let total = marginals[position].reduce(0, +)
                result += marginals[position].map { Foundation.log(Swift.max($0 / total, 1e-300)) }
            }
        }
        return Tensor(shape: state.shape + [modelVocabulary], scalars: result)
    }

    /// Pearson's chi-square statistic of the samples' histogram against the target.
    func chiSquare(_ samples: DiscreteState) -> Double {
        var counts = [Double](repeating: 0, count: target.count)
        for row in 0..<samples.batchSize { counts[index(of: samples.row(row))] += 1 }
        let total = Double(samples.batchSize)
        return zip(counts, target).reduce(0) { $0 + ($1.0 - total * $1.1) * ($1.0 - total * $1.1) / (total * $1.1) }
    }
}
