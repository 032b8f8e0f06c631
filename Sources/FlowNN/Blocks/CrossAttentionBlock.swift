import FlowTensor

/// A pre-LN cross-attention block: `x + cross_attn(norm(x), context)`.
///
/// Parameters: `norm.*`, `cross_attn.q_linear.*`, `cross_attn.kv_linear.*`, `cross_attn.proj.*`.
public final class CrossAttentionBlock: Module {
    /// The layer norm applied to `x` before attending.
    public let norm: LayerNorm
    /// The cross-attention (checkpoint key `cross_attn`).
    public let crossAttention: CrossAttention

    override public class var checkpointKeys: [String: String] { ["crossAttention": "cross_attn"] }

    /// A block of `width` features attending to a context of `contextWidth` features in `heads` heads.
    public init(width: Int, contextWidth: Int, heads: Int, epsilon: Double = 1e-5, dtype: DType = .float32,
                generator: inout RandomGenerator) {
        norm = LayerNorm(width, epsilon: epsilon, dtype: dtype)
        crossAttention = CrossAttention(width: width, contextWidth: contextWidth, heads: heads, dtype: dtype,
                                        generator: &generator)
    }

    /// Applies the block to `x` (`[B, N, width]`) given `context` (`[B, S, contextWidth]`) and an optional additive mask.
    public func callAsFunction(_ x: Tensor, context: Tensor, mask: Tensor? = nil) -> Tensor {
        x + crossAttention(norm(x), context: context, mask: mask)
    }
}
