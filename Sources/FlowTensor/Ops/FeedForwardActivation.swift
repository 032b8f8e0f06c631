/// The nonlinearities `Tensor.feedForward` can fuse between its two products.
public enum FeedForwardActivation: Sendable, CaseIterable {
    /// GELU with the tanh approximation (`Tensor.geluTanh`).
    case geluTanh
    /// Exact GELU (`Tensor.geluErf`).
    case geluErf
    /// SiLU (`Tensor.silu`).
    case silu

}
