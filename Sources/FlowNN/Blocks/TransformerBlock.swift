import FlowTensor

/// A pre-LN transformer block: `x + attn(norm1(x))`, then `x + mlp(norm2(x))`, as timm's `Block`
/// (`norm1`, `attn.qkv`, `attn.proj`, `norm2`, `mlp.fc1`, `mlp.fc2`).
///
/// ```swift
/// let block = TransformerBlock(width: 32, heads: 4, generator: &generator)
/// let y = block(x)   // x: [B, N, 32]
/// ```
public final class TransformerBlock: Module {
    /// The layer norm before attention.
    public let norm1: LayerNorm
    /// The self-attention (checkpoint key `attn`).
    public let attention: MultiHeadAttention
    /// The layer norm before the MLP.
    public let norm2: LayerNorm
    /// The feed-forward MLP.
    public let mlp: MLP

    override public class var checkpointKeys: [String: String] { ["attention": "attn"] }

    /// A block of `width` features, `heads` heads and an MLP `mlpRatio` times wider.
    public init(width: Int, heads: Int, mlpRatio: Double = 4, activation: ActivationFunction = .geluTanh,
                epsilon: Double = 1e-5, dtype: DType = .float32, generator: inout RandomGenerator) {
        norm1 = LayerNorm(width, epsilon: epsilon, dtype: dtype)
        attention = MultiHeadAttention(width: width, heads: heads, dtype: dtype, generator: &generator)
        norm2 = LayerNorm(width, epsilon: epsilon, dtype: dtype)
        mlp = MLP(inputWidth: width, hiddenWidth: Int(Double(width) * mlpRatio), activation: activation,
                  dtype: dtype, generator: &generator)
    }

    /// Applies the block to `x` (`[B, N, width]`), with an optional additive attention mask and rotary embedding.
    public func callAsFunction(_ x: Tensor, mask: Tensor? = nil, rotary: RotaryEmbedding? = nil) -> Tensor {
        let attended = x + attention(norm1(x), mask: mask, rotary: rotary)
        return attended + mlp(norm2(attended))
    }
}
