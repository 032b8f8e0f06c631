import FlowTensor
import Foundation
@testable import FlowMatching

/// The exact law of the output of `MixtureDiscreteEulerSolver` on a time grid, for a small joint
/// distribution whose posterior is `ExactPosterior`: the reference a chi-square test of the solver compares
/// with, so the test holds for every seed whatever the step size (the method's O(h) bias is in the law).
///
/// Written from the algorithm, not from the solver: per step and per token, given the state x, the
/// posterior draw x_1 has law `p_i(. | x, t)`; the rate is `u = dkappa/(1 - kappa) onehot(x_1)` plus
/// `c dkappa/(kappa (1 - kappa)) ((1 - kappa) p_0 + kappa onehot(x_1))` (at kappa = 0 only its finite part
/// `c dkappa onehot(x_1)`), zeroed at the current token; the token jumps with probability
/// `1 - exp(-h sum u)` to a token drawn from `u`. The last step snaps to x_1. Tokens move independently given x.
struct EulerChainLaw {
    let exact: ExactPosterior
    let divergenceFree: Double

    var states: Int { Int(pow(Double(exact.modelVocabulary), Double(exact.length))) }

    /// The tokens of state `index` over the model vocabulary (first token most significant).
    func tokens(of index: Int) -> [Int] {
        var rest = index
        var result = [Int](repeating: 0, count: exact.length)
        for position in stride(from: exact.length - 1, through: 0, by: -1) {
            result[position] = rest % exact.modelVocabulary
            rest /= exact.modelVocabulary
        }
        return result
    }

    /// The law of the start state when every token is drawn from the source independently.
    func sourceLaw() -> [Double] {
        (0..<states).map { tokens(of: $0).reduce(1) { $0 * exact.sourceProbabilities[$1] } }
    }

    /// The law after running the solver over `grid` from `start`, over model-vocabulary states.
    func law(after grid: [Double], from start: [Double]) -> [Double] {
        var law = start
        for step in 0..<(grid.count - 1) {
            law = self.step(law, t: grid[step], h: grid[step + 1] - grid[step], isLast: step == grid.count - 2)
        }
        return law
    }

    /// The law over data sequences (index as `ExactPosterior.index(of:)`) of a law over model states that
    /// puts no mass on the mask.
    func dataLaw(_ law: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: exact.target.count)
        for state in 0..<states where law[state] > 0 {
            let sequence = tokens(of: state)
            guard sequence.allSatisfy({ $0 < exact.vocabulary }) else { continue }
            result[exact.index(of: sequence[...])] += law[state]
        }
        return result
    }

    private func step(_ law: [Double], t: Double, h: Double, isLast: Bool) -> [Double] {
        let (vocabulary, length) = (exact.modelVocabulary, exact.length)
        let all = DiscreteState(tokens: (0..<states).flatMap { tokens(of: $0) }, shape: [states, length])
        let posterior = softmaxRows(exact.logits(all, Tensor(shape: [states], scalars: [Double](repeating: t, count: states))).doubles,
                                    width: vocabulary)
        let kappa = exact.scheduler(Tensor(t, dtype: .float64)).alpha.item
        let dKappa = exact.scheduler(Tensor(t, dtype: .float64)).dAlpha.item
        var next = [Double](repeating: 0, count: states)
        for state in 0..<states where law[state] > 0 {
            let current = tokens(of: state)
            // kernels[i][v]: the probability that token i is v after the step.
            var kernels: [[Double]] = []
            for position in 0..<length {
                let p = Array(posterior[((state * length + position) * vocabulary)..<((state * length + position + 1) * vocabulary)])
                var kernel = [Double](repeating: 0, count: vocabulary)
                for x1 in 0..<vocabulary where p[x1] > 0 {
                    if isLast { kernel[x1] += p[x1]; continue }
                    var rate = [Double](repeating: 0, count: vocabulary)
                    rate[x1] = dKappa / (1 - kappa)
                    if divergenceFree != 0 {
                        if kappa > 0 {
                            let scale = divergenceFree * dKappa / (kappa * (1 - kappa))
                            for v in 0..<vocabulary { rate[v] += scale * ((1 - kappa) * exact.sourceProbabilities[v] + (v == x1 ? kappa : 0)) }
                        } else {
                            rate[x1] += divergenceFree * dKappa
                        }
                    }
                    rate[current[position]] = 0
                    let intensity = rate.reduce(0, +)
                    let jump = intensity > 0 ? 1 - exp(-h * intensity) : 0
                    kernel[current[position]] += p[x1] * (1 - jump)
                    if intensity > 0 { for v in 0..<vocabulary { kernel[v] += p[x1] * jump * rate[v] / intensity } }
                }
                kernels.append(kernel)
            }
            for target in 0..<states {
                let sequence = tokens(of: target)
                var probability = law[state]
                for position in 0..<length { probability *= kernels[position][sequence[position]] }
                next[target] += probability
            }
        }
        return next
    }

    /// Pearson's chi-square of the samples' histogram over data sequences against `expected` (a data law).
    static func chiSquare(_ samples: DiscreteState, exact: ExactPosterior, expected: [Double]) -> Double {
        var counts = [Double](repeating: 0, count: expected.count)
        for row in 0..<samples.batchSize { counts[exact.index(of: samples.row(row))] += 1 }
        let total = Double(samples.batchSize)
        return zip(counts, expected).reduce(0) { $0 + ($1.0 - total * $1.1) * ($1.0 - total * $1.1) / (total * $1.1) }
    }

    /// Total variation distance between two laws.
    static func totalVariation(_ a: [Double], _ b: [Double]) -> Double {
        0.5 * zip(a, b).reduce(0) { $0 + Swift.abs($1.0 - $1.1) }
    }
}
