import FlowTensor

/// Layers applied one after another, named `0`, `1`, ... as in PyTorch's `nn.Sequential`.
///
/// ```swift
/// let net = Sequential([Linear(2, 64, generator: &g), Activation(.silu), Linear(64, 2, generator: &g)])
/// // parameters: 0.weight, 0.bias, 2.weight, 2.bias
/// ```
public final class Sequential: Module, UnaryLayer {
    /// The layers, in order.
    public let layers: [any UnaryLayer]

    override public class var checkpointKeys: [String: String] { ["layers": ""] }

    /// A chain of `layers`.
    public init(_ layers: [any UnaryLayer]) {
        self.layers = layers
    }

    /// Applies every layer in turn.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        layers.reduce(x) { $1($0) }
    }
}
