import FlowTensor

/// The polynomial schedule `alpha_t = t^n`, `sigma_t = 1 - t^n` (n = 1 is CondOT).
public struct PolynomialConvexScheduler: ConvexScheduler {
    /// The exponent `n > 0`.
    public let exponent: Double

    /// A polynomial schedule of degree `exponent` (must be positive).
    public init(exponent: Double) {
        precondition(exponent > 0, "PolynomialConvexScheduler: exponent must be positive, got \(exponent)")
        self.exponent = exponent
    }

    /// `alpha_t = t^n`, `sigma_t = 1 - t^n`, `dalpha = n t^(n-1) = -dsigma` (1 at t = 0 for n = 1: `0^0 = 1`,
    /// as in flow_matching; every sampler starts there).
    public func callAsFunction(_ t: Tensor) -> SchedulerOutput {
        let power = t.pow(exponent)
        let derivative = t.pow(exponent - 1) * exponent
        return SchedulerOutput(alpha: power, sigma: 1 - power, dAlpha: derivative, dSigma: -derivative)
    }

    /// `kappa_inverse(kappa) = kappa^(1/n)`.
    public func kappaInverse(_ kappa: Tensor) -> Tensor { kappa.pow(1 / exponent) }
}
