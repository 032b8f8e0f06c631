import FlowTensor

/// An elementwise nonlinearity, by name.
public enum ActivationFunction: String, Sendable, CaseIterable {
    /// max(x, 0).
    case relu
    /// x σ(x) (PyTorch's `nn.SiLU`).
    case silu
    /// GELU with the tanh approximation (`nn.GELU(approximate="tanh")`).
    case geluTanh
    /// Exact GELU (`nn.GELU()`).
    case geluErf
    /// tanh(x).
    case tanh

    /// The same function as `Tensor.feedForward` fuses it between two products, or nil where it does not.
    public var feedForwardActivation: FeedForwardActivation? {
        switch self {
        case .geluTanh: .geluTanh
        case .geluErf: .geluErf
        case .silu: .silu
        case .relu, .tanh: nil
        }
    }

    /// Applies the function to every element of `x`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .relu: x.relu()
        case .silu: x.silu()
        case .geluTanh: x.geluTanh()
        case .geluErf: x.geluErf()
        case .tanh: x.tanh()
        }
    }
}
