import FlowTensor

/// The variance-preserving schedule of score-based diffusion, in flow-matching time:
/// with `T(t) = (1 - t)^2 (B - b) / 2 + (1 - t) b`, `alpha_t = e^(-T/2)` and `sigma_t = sqrt(1 - e^(-T))`.
public struct VPScheduler: Scheduler {
    /// The smallest noise rate `b`.
    public let betaMinimum: Double
    /// The largest noise rate `B`.
    public let betaMaximum: Double

    /// A VP schedule with noise rates from `betaMinimum` to `betaMaximum` (defaults 0.1 and 20).
    public init(betaMinimum: Double = 0.1, betaMaximum: Double = 20) {
        precondition(betaMaximum > betaMinimum, "VPScheduler: betaMaximum must exceed betaMinimum")
        self.betaMinimum = betaMinimum
        self.betaMaximum = betaMaximum
    }

    /// `alpha_t = e^(-T/2)`, `sigma_t = sqrt(1 - e^(-T))` and their derivatives through `dT/dt = -(1 - t)(B - b) - b`.
    public func callAsFunction(_ t: Tensor) -> SchedulerOutput {
        let (b, range) = (betaMinimum, betaMaximum - betaMinimum)
        let remaining = 1 - t
        let integral = remaining.squared() * (0.5 * range) + remaining * b
        let dIntegral = -(remaining * range) - b
        let alpha = (integral * -0.5).exp()
        let decay = (-integral).exp()
        let sigma = (1 - decay).sqrt()
        return SchedulerOutput(alpha: alpha, sigma: sigma,
                               dAlpha: dIntegral * alpha * -0.5,
                               dSigma: dIntegral * decay * 0.5 / sigma)
    }

    /// Solves `snr = alpha_t / sigma_t` for t: `T = -log(snr^2 / (snr^2 + 1))`, then the quadratic in `1 - t`.
    public func snrInverse(_ snr: Tensor) -> Tensor {
        let (b, range) = (betaMinimum, betaMaximum - betaMinimum)
        let squared = snr.squared()
        let integral = -(squared / (squared + 1)).log()
        return 1 - (((integral * (2 * range)) + b * b).sqrt() - b) / range
    }
}
