import FlowTensor

/// The cosine schedule `alpha_t = sin(pi t / 2)`, `sigma_t = cos(pi t / 2)`.
public struct CosineScheduler: Scheduler {
    /// The schedule has no parameters.
    public init() {}

    /// `alpha_t = sin(pi t/2)`, `sigma_t = cos(pi t/2)` and their derivatives.
    public func callAsFunction(_ t: Tensor) -> SchedulerOutput {
        let angle = t * (Double.pi / 2)
        let (sine, cosine) = (angle.sin(), angle.cos())
        return SchedulerOutput(alpha: sine, sigma: cosine,
                               dAlpha: cosine * (Double.pi / 2), dSigma: sine * (-Double.pi / 2))
    }

    /// `t = 2 atan(snr) / pi`.
    public func snrInverse(_ snr: Tensor) -> Tensor { snr.atan() * (2 / Double.pi) }
}
