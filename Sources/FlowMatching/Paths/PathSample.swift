import FlowTensor

/// A point on a conditional affine path and its conditional velocity (flow_matching's `PathSample`).
public struct PathSample: Sendable {
    /// The source point `x_0`.
    public let x0: Tensor
    /// The data point `x_1`.
    public let x1: Tensor
    /// Times, one per batch row, shape `[B]`.
    public let t: Tensor
    /// `x_t = sigma_t x_0 + alpha_t x_1`.
    public let xt: Tensor
    /// The conditional velocity `dx_t = dsigma_t x_0 + dalpha_t x_1`: the regression target.
    public let dxt: Tensor
}
