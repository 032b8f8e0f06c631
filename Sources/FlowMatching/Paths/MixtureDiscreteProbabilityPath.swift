import FlowTensor

/// The factorised mixture path of discrete flow matching (flow_matching's `MixtureDiscreteProbPath`):
/// each token independently stays at its source value with probability `1 - kappa_t` and has flipped to its
/// data value with probability `kappa_t`.
public struct MixtureDiscreteProbabilityPath: Sendable {
    /// The schedule `kappa_t`.
    public let scheduler: any ConvexScheduler

    /// A mixture path with the given convex schedule.
    public init(scheduler: any ConvexScheduler) { self.scheduler = scheduler }

    /// The conditional sample at times `t` (`[B]`), given one uniform draw in [0, 1) per token.
    ///
    /// Token i keeps its source value when `uniforms[i] < 1 - kappa_t`, as in the reference implementation.
    public func sample(x0: DiscreteState, x1: DiscreteState, t: Tensor, uniforms: [Double]) -> DiscretePathSample {
        precondition(x0.shape == x1.shape, "MixtureDiscreteProbabilityPath.sample: x0 \(x0.shape) and x1 \(x1.shape) differ")
        precondition(uniforms.count == x1.tokens.count, "need one uniform draw per token")
        let times = t.doubles
        precondition(times.count == x1.batchSize, "times must be [B] = [\(x1.batchSize)], got \(t.shape)")
        let sigmas = scheduler(Tensor(shape: [times.count], scalars: times)).sigma.doubles
        let perRow = x1.tokensPerRow
        var tokens = x1.tokens
        for index in tokens.indices where uniforms[index] < sigmas[index / perRow] {
            tokens[index] = x0.tokens[index]
        }
        return DiscretePathSample(x0: x0, x1: x1, t: t, xt: DiscreteState(tokens: tokens, shape: x1.shape))
    }

    /// The conditional sample at times `t`, drawing the uniforms from `generator`.
    public func sample(x0: DiscreteState, x1: DiscreteState, t: Tensor,
                       generator: inout RandomGenerator) -> DiscretePathSample {
        sample(x0: x0, x1: x1, t: t, uniforms: generator.uniform(x1.tokens.count))
    }

    /// The marginal probability velocity of a factorised posterior:
    /// `u = dkappa / (1 - kappa) * (softmax(logits) - onehot(x_t))`, shaped like `logits` (`[..., V]`).
    public func posteriorToVelocity(logits: Tensor, xt: DiscreteState, t: Tensor) -> Tensor {
        let vocabulary = logits.shape.last!
        precondition(logits.count == xt.tokens.count * vocabulary,
                     "posteriorToVelocity: logits \(logits.shape) do not match tokens \(xt.shape)")
        let posterior = logits.softmax()
        let current = Tensor.oneHot(xt.tokens, width: vocabulary, dtype: logits.dtype).reshaped(logits.shape)
        let output = scheduler(t.converted(to: logits.dtype).broadcastingTime(over: logits.shape))
        return (output.dAlpha / (1 - output.alpha)) * (posterior - current)
    }

    /// The per-row jump rate `dkappa / (1 - kappa)` at times `t` (`[B]`).
    public func jumpCoefficient(_ t: Tensor) -> Tensor {
        let output = scheduler(t)
        return output.dAlpha / (1 - output.alpha)
    }
}

extension MixtureDiscreteProbabilityPath {
    /// The mixture path with the polynomial schedule `kappa_t = t^n` (n = 1: linear).
    public static func polynomial(_ exponent: Double) -> MixtureDiscreteProbabilityPath {
        MixtureDiscreteProbabilityPath(scheduler: PolynomialConvexScheduler(exponent: exponent))
    }
}
