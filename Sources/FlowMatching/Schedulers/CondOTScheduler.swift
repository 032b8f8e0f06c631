import FlowTensor

/// The conditional optimal-transport schedule: `alpha_t = t`, `sigma_t = 1 - t`.
public struct CondOTScheduler: ConvexScheduler {
    /// The schedule has no parameters.
    public init() {}

    /// `alpha_t = t`, `sigma_t = 1 - t`, `dalpha = 1`, `dsigma = -1`.
    public func callAsFunction(_ t: Tensor) -> SchedulerOutput {
        SchedulerOutput(alpha: t, sigma: 1 - t,
                        dAlpha: .ones(t.shape, dtype: t.dtype), dSigma: .full(t.shape, -1, dtype: t.dtype))
    }

    /// `kappa_inverse(kappa) = kappa`.
    public func kappaInverse(_ kappa: Tensor) -> Tensor { kappa }
}
