import FlowTensor

/// A time schedule for an affine probability path (flow_matching's `Scheduler`).
///
/// Time runs from `t = 0` (source) to `t = 1` (data).
public protocol Scheduler: Sendable {
    /// `alpha_t, sigma_t` and their derivatives at every element of `t`.
    func callAsFunction(_ t: Tensor) -> SchedulerOutput
    /// The time at which the signal-to-noise ratio `alpha_t / sigma_t` equals `snr`.
    func snrInverse(_ snr: Tensor) -> Tensor
}

/// A scheduler with `alpha_t = kappa_t` and `sigma_t = 1 - kappa_t`: the schedule of mixture (discrete) paths.
public protocol ConvexScheduler: Scheduler {
    /// The time at which `kappa_t` equals `kappa`.
    func kappaInverse(_ kappa: Tensor) -> Tensor
}

extension ConvexScheduler {
    /// `kappa_inverse(snr / (1 + snr))`, since `snr = kappa / (1 - kappa)`.
    public func snrInverse(_ snr: Tensor) -> Tensor {
        kappaInverse(snr / (snr + 1))
    }

    /// `kappa_t`, the probability that a token has reached its data value at time `t`.
    public func kappa(_ t: Tensor) -> Tensor { self(t).alpha }

    /// `kappa_t` at a single time.
    public func kappa(at t: Double) -> Double { self(Tensor(t, dtype: .float64)).alpha.item }

    /// `d kappa_t / dt` at a single time.
    public func dKappa(at t: Double) -> Double { self(Tensor(t, dtype: .float64)).dAlpha.item }

    /// The time at which `kappa_t` equals `kappa`, for a single value.
    public func kappaInverse(at kappa: Double) -> Double { kappaInverse(Tensor(kappa, dtype: .float64)).item }
}
