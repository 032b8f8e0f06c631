import FlowTensor

/// A pre-LN transformer block with a SwiGLU feed-forward: `x + attn(norm1(x))`, then `x + mlp(norm2(x))`, the
/// block of TA-TiTok's improved tokenizer (RoPE through `rotary`, SwiGLU hidden `2/3 · 4 · width` by default).
///
/// Parameters: `norm1`, `attn.qkv`, `attn.proj`, `norm2`, `mlp.fc1_g`, `mlp.fc1_x`, `mlp.fc2`.
///
/// ```swift
/// let block = SwiGLUTransformerBlock(width: 32, heads: 4, generator: &generator)
/// let y = block(x, rotary: rope)   // x: [B, N, 32]
/// ```
public final class SwiGLUTransformerBlock: Module {
    /// The layer norm before attention.
    public let norm1: LayerNorm
    /// The self-attention (checkpoint key `attn`).
    public let attention: MultiHeadAttention
    /// The layer norm before the feed-forward.
    public let norm2: LayerNorm
    /// The gated feed-forward.
    public let mlp: SwiGLU

    override public class var checkpointKeys: [String: String] { ["attention": "attn"] }

    /// A block of `width` features and `heads` heads; `hiddenWidth` defaults to `⌊2/3 · 4 · width⌋`.
    public init(width: Int, heads: Int, hiddenWidth: Int? = nil, dtype: DType = .float32, generator: inout RandomGenerator) {
        norm1 = LayerNorm(width, dtype: dtype)
        attention = MultiHeadAttention(width: width, heads: heads, dtype: dtype, generator: &generator)
        norm2 = LayerNorm(width, dtype: dtype)
        mlp = SwiGLU(inputWidth: width, hiddenWidth: hiddenWidth ?? (8 * width) / 3, dtype: dtype, generator: &generator)
    }

    /// Applies the block to `x` (`[B, N, width]`), with an optional rotary embedding of length N.
    public func callAsFunction(_ x: Tensor, rotary: RotaryEmbedding? = nil) -> Tensor {
        let attended = x + attention(norm1(x), rotary: rotary)
        return attended + mlp(norm2(attended))
    }

    /// The block's pre-softmax attention logits `[B, heads, N, N]` on its input `x` (see `MultiHeadAttention.logits`).
    public func attentionLogits(_ x: Tensor, rotary: RotaryEmbedding? = nil) -> Tensor {
        attention.logits(norm1(x), rotary: rotary)
    }
}
