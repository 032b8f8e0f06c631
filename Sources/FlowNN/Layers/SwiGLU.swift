import FlowTensor

/// A gated feed-forward block, `fc2(silu(fc1_g(x)) * fc1_x(x))`, as timm's `SwiGLU`.
public final class SwiGLU: Module, UnaryLayer {
    /// The gate projection, input → hidden (checkpoint key `fc1_g`).
    public let gate: Linear
    /// The value projection, input → hidden (checkpoint key `fc1_x`).
    public let value: Linear
    /// The output projection, hidden → output (checkpoint key `fc2`).
    public let output: Linear

    override public class var checkpointKeys: [String: String] { ["gate": "fc1_g", "value": "fc1_x", "output": "fc2"] }

    /// A block `inputWidth → hiddenWidth → outputWidth` (output defaults to the input width).
    public init(inputWidth: Int, hiddenWidth: Int, outputWidth: Int? = nil, bias: Bool = true,
                dtype: DType = .float32, generator: inout RandomGenerator) {
        gate = Linear(inputWidth, hiddenWidth, bias: bias, dtype: dtype, generator: &generator)
        value = Linear(inputWidth, hiddenWidth, bias: bias, dtype: dtype, generator: &generator)
        output = Linear(hiddenWidth, outputWidth ?? inputWidth, bias: bias, dtype: dtype, generator: &generator)
    }

    /// Applies the block to `x` of shape `[..., inputWidth]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        output(gate(x).silu() * value(x))
    }
}
