import FlowTensor

/// The generalized KL loss of a mixture path (flow_matching's `MixturePathGeneralizedKL`), per token:
///
/// `l = -dkappa/(1 - kappa) * [ p(x_t) - 1{x_t = x_1} + (1 - 1{x_t = x_1}) log p(x_1) ]`,
/// with `p = softmax(logits)`. It diverges as t -> 1: train with `TimeSampler.discreteDefault`.
public struct MixturePathGeneralizedKL: Sendable {
    /// The path the model is trained on (its schedule gives the jump coefficient).
    public let path: MixtureDiscreteProbabilityPath
    /// How per-token losses are reduced (mean over all tokens by default).
    public let reduction: LossReduction

    /// A generalized KL loss for `path`.
    public init(path: MixtureDiscreteProbabilityPath, reduction: LossReduction = .mean) {
        self.path = path
        self.reduction = reduction
    }

    /// The loss for `logits` `[B, ..., V]`, data `x1`, path sample `xt` (both shaped `[B, ...]`) and times `t` `[B]`.
    public func callAsFunction(logits: Tensor, x1: DiscreteState, xt: DiscreteState, t: Tensor) -> Tensor {
        precondition(x1.shape == xt.shape, "MixturePathGeneralizedKL: x1 \(x1.shape) vs xt \(xt.shape)")
        precondition(Array(logits.shape.dropLast()) == x1.shape,
                     "MixturePathGeneralizedKL: logits \(logits.shape) do not match tokens \(x1.shape)")
        let logProbabilities = logits.logSoftmax()
        let logProbabilityOfData = logProbabilities.gather(lastAxis: x1.tokens).reshaped(x1.shape)
        let probabilityOfCurrent = logProbabilities.gather(lastAxis: xt.tokens).exp().reshaped(x1.shape)
        let jump = path.jumpCoefficient(t.converted(to: logits.dtype)).broadcastingTime(over: x1.shape)
        let same = Tensor(shape: x1.shape, scalars: zip(x1.tokens, xt.tokens).map { $0 == $1 ? 1.0 : 0.0 })
            .converted(to: logits.dtype)
        let perToken = -(jump * (probabilityOfCurrent - same + (1 - same) * logProbabilityOfData))
        switch reduction {
        case .none: return perToken
        case .sum: return perToken.sum()
        case .mean: return perToken.mean()
        }
    }
}
