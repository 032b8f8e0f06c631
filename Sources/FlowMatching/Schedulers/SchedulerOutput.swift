import FlowTensor

/// The coefficients of an affine path at times `t`: `x_t = sigma_t x_0 + alpha_t x_1` and their time derivatives.
///
/// Every tensor has the shape of the `t` it was computed from.
public struct SchedulerOutput: Sendable {
    /// The weight of the data point, `alpha_t`.
    public let alpha: Tensor
    /// The weight of the source point, `sigma_t`.
    public let sigma: Tensor
    /// `d alpha_t / dt`.
    public let dAlpha: Tensor
    /// `d sigma_t / dt`.
    public let dSigma: Tensor

    /// Bundles the four coefficients.
    public init(alpha: Tensor, sigma: Tensor, dAlpha: Tensor, dSigma: Tensor) {
        self.alpha = alpha
        self.sigma = sigma
        self.dAlpha = dAlpha
        self.dSigma = dSigma
    }
}
