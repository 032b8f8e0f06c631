import FlowTensor

/// A post-LN transformer block, PyTorch's `nn.TransformerEncoderLayer` (`norm_first=False`, ReLU, no dropout):
/// `x ← norm1(x + attn(x))`, then `x ← norm2(x + linear2(relu(linear1(x))))`.
///
/// Parameters: `attn.qkv`, `attn.proj`, `linear1`, `linear2`, `norm1`, `norm2` (PyTorch's `self_attn.in_proj_*`
/// and `self_attn.out_proj` are the packed `qkv` and `proj`).
public final class PostNormTransformerBlock: Module {
    /// The self-attention (checkpoint key `attn`).
    public let attention: MultiHeadAttention
    /// The first feed-forward layer, width → hidden.
    public let linear1: Linear
    /// The second feed-forward layer, hidden → width.
    public let linear2: Linear
    /// The layer norm after the attention residual.
    public let norm1: LayerNorm
    /// The layer norm after the feed-forward residual.
    public let norm2: LayerNorm

    override public class var checkpointKeys: [String: String] { ["attention": "attn"] }

    /// A block of `width` features, `heads` heads and a ReLU feed-forward `hiddenWidth` wide.
    public init(width: Int, heads: Int, hiddenWidth: Int, dtype: DType = .float32, generator: inout RandomGenerator) {
        attention = MultiHeadAttention(width: width, heads: heads, dtype: dtype, generator: &generator)
        linear1 = Linear(width, hiddenWidth, dtype: dtype, generator: &generator)
        linear2 = Linear(hiddenWidth, width, dtype: dtype, generator: &generator)
        norm1 = LayerNorm(width, dtype: dtype)
        norm2 = LayerNorm(width, dtype: dtype)
    }

    /// Applies the block to `x` (`[B, N, width]`) with an optional additive attention mask.
    public func callAsFunction(_ x: Tensor, mask: Tensor? = nil) -> Tensor {
        let attended = norm1(x + attention(x, mask: mask))
        return norm2(attended + linear2(linear1(attended).relu()))
    }
}
