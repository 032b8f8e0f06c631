import FlowTensor
import Foundation

/// Simulates the jump process of a mixture path (flow_matching's `MixtureDiscreteEulerSolver`).
///
/// Per step of size h at time t, for every token: draw `x_1 ~ p_{1|t}(. | x_t)`; on the last step set
/// `x_t = x_1`; otherwise build the rate `u = dkappa/(1 - kappa) onehot(x_1)` (plus the optional
/// divergence-free term `c(t) dkappa/(kappa (1 - kappa)) ((1 - kappa) p_0 + kappa onehot(x_1))`), zero it at
/// the current token, and jump with probability `1 - exp(-h sum u)` to a token drawn from `u`.
/// All categorical draws are made in Float64.
///
/// Where `kappa_t = 0` (t = 0) the divergence-free term's `1 / kappa` is infinite: its part
/// `c dkappa/kappa p_0` redraws the token from `p_0` at an infinite rate, and at `kappa = 0` the token is
/// already distributed as `p_0`, so the step leaves that part out (the marginal is the same) and keeps the
/// finite part `c dkappa onehot(x_1)`, the limit of the rest (flow_matching divides by zero there).
public struct MixtureDiscreteEulerSolver: Sendable {
    /// The path the model was trained on.
    public let path: MixtureDiscreteProbabilityPath
    /// The coefficient `c(t)` of the divergence-free term (zero: none).
    public let divergenceFree: @Sendable (Double) -> Double
    /// The source distribution `p_0` over model tokens; required when the divergence-free term is used.
    public let sourceProbabilities: [Double]?
    /// The element type of the time tensors handed to the model.
    public let timeDType: DType

    /// A solver for `path`; pass `sourceProbabilities` (e.g. `source.probabilities`) with a divergence-free term.
    public init(path: MixtureDiscreteProbabilityPath, divergenceFree: @escaping @Sendable (Double) -> Double = { _ in 0 },
                sourceProbabilities: [Double]? = nil, timeDType: DType = .float32) {
        self.path = path
        self.divergenceFree = divergenceFree
        self.sourceProbabilities = sourceProbabilities
        self.timeDType = timeDType
    }

    /// The state at the last grid time (the data end, where the last step snaps to `x_1`).
    public func sample(start: DiscreteState, timeGrid: [Double], model: DiscretePosteriorModel,
                       generator: inout RandomGenerator) -> DiscreteState {
        precondition(timeGrid.count >= 2, "MixtureDiscreteEulerSolver: the time grid needs at least two times")
        return withNoGradient {
            var state = start
            for index in 0..<(timeGrid.count - 1) {
                let t = timeGrid[index]
                let logits = model(state, .full([state.batchSize], t, dtype: timeDType))
                state = step(state, logits: logits, t: t, h: timeGrid[index + 1] - t,
                             isLast: index == timeGrid.count - 2, generator: &generator)
            }
            return state
        }
    }

    /// One jump step from time t to t + h given the model's logits at t.
    func step(_ state: DiscreteState, logits: Tensor, t: Double, h: Double, isLast: Bool,
              generator: inout RandomGenerator) -> DiscreteState {
        let (posterior, vocabulary) = posteriorRows(logits, state: state, caller: "MixtureDiscreteEulerSolver")
        let x1 = generator.categorical(rows: posterior, classes: vocabulary)
        if isLast { return DiscreteState(tokens: x1, shape: state.shape) }

        let (kappa, dKappa) = (path.scheduler.kappa(at: t), path.scheduler.dKappa(at: t))
        let coefficient = divergenceFree(t)
        let source = sourceProbabilities ?? []
        if coefficient != 0 {
            precondition(source.count == vocabulary,
                         "MixtureDiscreteEulerSolver: the divergence-free term needs source probabilities over \(vocabulary) tokens")
        }
        let jumps = generator.uniform(state.tokens.count)
        var tokens = state.tokens
        var rate = [Double](repeating: 0, count: vocabulary)
        for index in tokens.indices {
            for v in 0..<vocabulary { rate[v] = 0 }
            rate[x1[index]] = dKappa / (1 - kappa)
            if coefficient != 0 {
                if kappa > 0 {
                    let scale = coefficient * dKappa / (kappa * (1 - kappa))
                    for v in 0..<vocabulary { rate[v] += scale * ((1 - kappa) * source[v] + (v == x1[index] ? kappa : 0)) }
                } else {
                    rate[x1[index]] += coefficient * dKappa
                }
            }
            rate[tokens[index]] = 0
            let intensity = rate.reduce(0, +)
            if intensity > 0 && jumps[index] < 1 - exp(-h * intensity) {
                tokens[index] = rate.withUnsafeBufferPointer { generator.categorical($0) }
            }
        }
        return DiscreteState(tokens: tokens, shape: state.shape)
    }
}
