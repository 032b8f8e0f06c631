import FlowTensor

/// A point on a conditional mixture path (flow_matching's `DiscretePathSample`).
public struct DiscretePathSample: Sendable {
    /// The source tokens `x_0`.
    public let x0: DiscreteState
    /// The data tokens `x_1`.
    public let x1: DiscreteState
    /// Times, one per batch row, shape `[B]`.
    public let t: Tensor
    /// Each token equal to its `x_0` value with probability `1 - kappa_t`, else to its `x_1` value.
    public let xt: DiscreteState
}
