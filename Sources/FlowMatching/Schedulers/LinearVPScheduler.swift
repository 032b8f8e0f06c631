import FlowTensor

/// The linear variance-preserving schedule `alpha_t = t`, `sigma_t = sqrt(1 - t^2)`.
public struct LinearVPScheduler: Scheduler {
    /// The schedule has no parameters.
    public init() {}

    /// `alpha_t = t`, `sigma_t = sqrt(1 - t^2)`, `dalpha = 1`, `dsigma = -t / sqrt(1 - t^2)`.
    public func callAsFunction(_ t: Tensor) -> SchedulerOutput {
        let sigma = (1 - t.squared()).sqrt()
        return SchedulerOutput(alpha: t, sigma: sigma,
                               dAlpha: .ones(t.shape, dtype: t.dtype), dSigma: -(t / sigma))
    }

    /// `t = sqrt(snr^2 / (1 + snr^2))`.
    public func snrInverse(_ snr: Tensor) -> Tensor {
        let squared = snr.squared()
        return (squared / (squared + 1)).sqrt()
    }
}
