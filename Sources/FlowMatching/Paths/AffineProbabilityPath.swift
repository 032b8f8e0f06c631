import FlowTensor

/// The affine probability path `x_t = sigma_t x_0 + alpha_t x_1` (flow_matching's `AffineProbPath`),
/// with conversions between the velocity, data (`x_1`) and noise (`epsilon = x_0`) parametrisations.
///
/// Times are one per batch row (`[B]`) and broadcast over the remaining dimensions.
///
/// ```swift
/// let path = AffineProbabilityPath(scheduler: CondOTScheduler())
/// let sample = path.sample(x0: noise, x1: data, t: times)
/// let loss = Tensor.meanSquaredError(model(sample.xt, sample.t), sample.dxt)
/// ```
public struct AffineProbabilityPath: Sendable {
    /// The schedule of `alpha_t` and `sigma_t`.
    public let scheduler: any Scheduler

    /// A path with the given schedule.
    public init(scheduler: any Scheduler) { self.scheduler = scheduler }

    /// The conditional sample at times `t` between `x0` and `x1` (same shape `[B, ...]`).
    public func sample(x0: Tensor, x1: Tensor, t: Tensor) -> PathSample {
        precondition(x0.shape == x1.shape, "AffineProbabilityPath.sample: x0 \(x0.shape) and x1 \(x1.shape) differ")
        let output = coefficients(t, like: x1)
        let xt = output.sigma * x0 + output.alpha * x1
        let dxt = output.dSigma * x0 + output.dAlpha * x1
        return PathSample(x0: x0, x1: x1, t: t, xt: xt, dxt: dxt)
    }

    /// Velocity from a data prediction: `u = (dsigma/sigma) x_t + ((dalpha sigma - dsigma alpha)/sigma) x_1`.
    public func targetToVelocity(x1: Tensor, xt: Tensor, t: Tensor) -> Tensor {
        let s = coefficients(t, like: xt)
        return (s.dSigma / s.sigma) * xt + ((s.dAlpha * s.sigma - s.dSigma * s.alpha) / s.sigma) * x1
    }

    /// Velocity from a noise prediction: `u = (dalpha/alpha) x_t + ((dsigma alpha - dalpha sigma)/alpha) eps`.
    public func epsilonToVelocity(epsilon: Tensor, xt: Tensor, t: Tensor) -> Tensor {
        let s = coefficients(t, like: xt)
        return (s.dAlpha / s.alpha) * xt + ((s.dSigma * s.alpha - s.dAlpha * s.sigma) / s.alpha) * epsilon
    }

    /// Data from a velocity: `x_1 = (-dsigma x_t + sigma u) / (dalpha sigma - dsigma alpha)`.
    public func velocityToTarget(velocity: Tensor, xt: Tensor, t: Tensor) -> Tensor {
        let s = coefficients(t, like: xt)
        let denominator = s.dAlpha * s.sigma - s.dSigma * s.alpha
        return (-s.dSigma / denominator) * xt + (s.sigma / denominator) * velocity
    }

    /// Data from noise: `x_1 = (x_t - sigma eps) / alpha`.
    public func epsilonToTarget(epsilon: Tensor, xt: Tensor, t: Tensor) -> Tensor {
        let s = coefficients(t, like: xt)
        return (1 / s.alpha) * xt + (-s.sigma / s.alpha) * epsilon
    }

    /// Noise from a velocity: `eps = (-dalpha x_t + alpha u) / (dsigma alpha - dalpha sigma)`.
    public func velocityToEpsilon(velocity: Tensor, xt: Tensor, t: Tensor) -> Tensor {
        let s = coefficients(t, like: xt)
        let denominator = s.dSigma * s.alpha - s.dAlpha * s.sigma
        return (-s.dAlpha / denominator) * xt + (s.alpha / denominator) * velocity
    }

    /// Noise from data: `eps = (x_t - alpha x_1) / sigma`.
    public func targetToEpsilon(x1: Tensor, xt: Tensor, t: Tensor) -> Tensor {
        let s = coefficients(t, like: xt)
        return (1 / s.sigma) * xt + (-s.alpha / s.sigma) * x1
    }

    /// The scheduler's output at per-row times, in `data`'s element type and shaped to broadcast over it.
    func coefficients(_ t: Tensor, like data: Tensor) -> SchedulerOutput {
        scheduler(t.converted(to: data.dtype).broadcastingTime(over: data.shape))
    }
}

extension AffineProbabilityPath {
    /// The conditional optimal-transport path `x_t = (1 - t) x_0 + t x_1` (flow_matching's `CondOTProbPath`).
    public static let conditionalOptimalTransport = AffineProbabilityPath(scheduler: CondOTScheduler())
}
