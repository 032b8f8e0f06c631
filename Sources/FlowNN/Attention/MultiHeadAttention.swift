import FlowTensor

/// Multi-head self-attention with a fused query/key/value projection, as timm's `Attention` (`qkv`, `proj`).
///
/// `qkv` maps `[B, N, C]` to `[B, N, 3C]`, read as `[3, heads, C/heads]` per token; the heads attend with
/// `softmax(q kᵀ / √d + mask) v`, are concatenated and projected by `proj`.
///
/// ```swift
/// let attention = MultiHeadAttention(width: 32, heads: 4, generator: &generator)
/// let y = attention(x)                                          // x: [B, N, 32]
/// let causal = attention(x, mask: Tensor.causalMask(N))
/// ```
public final class MultiHeadAttention: Module {
    /// The fused projection to queries, keys and values (checkpoint key `qkv`).
    public let queryKeyValue: Linear
    /// The output projection (checkpoint key `proj`).
    public let projection: Linear
    /// The number of heads.
    public let heads: Int

    override public class var checkpointKeys: [String: String] { ["queryKeyValue": "qkv", "projection": "proj"] }

    /// Self-attention over `width` features split into `heads` heads.
    public init(width: Int, heads: Int, bias: Bool = true, dtype: DType = .float32, generator: inout RandomGenerator) {
        precondition(width % heads == 0, "attention width \(width) is not divisible by \(heads) heads")
        self.heads = heads
        queryKeyValue = Linear(width, 3 * width, bias: bias, dtype: dtype, generator: &generator)
        projection = Linear(width, width, bias: bias, dtype: dtype, generator: &generator)
    }

    /// The feature width.
    public var width: Int { projection.outputWidth }

    /// Attends `x` (`[B, N, width]`) to itself.
    ///
    /// - Parameters:
    ///   - mask: an additive mask broadcasting to `[B, heads, N, N]` (0 keeps, -inf drops).
    ///   - rotary: a rotary embedding applied to queries and keys (its length must be N).
    public func callAsFunction(_ x: Tensor, mask: Tensor? = nil, rotary: RotaryEmbedding? = nil) -> Tensor {
        precondition(x.rank == 3 && x.shape[2] == width, "MultiHeadAttention expects [B, N, \(width)], got \(x.shape)")
        let packed = queryKeyValue(x)
        if rotary == nil {
            // Heads split and merged inside one fused op (strided gemms, no permuted copies).
            return projection(Tensor.packedSelfAttention(packed, heads: heads, mask: mask))
        }
        let parts = packed.split([width, width, width], axis: -1)
        var query = AttentionHeads.split(parts[0], heads: heads)
        var key = AttentionHeads.split(parts[1], heads: heads)
        let value = AttentionHeads.split(parts[2], heads: heads)
        if let rotary {
            query = rotary.apply(query)
            key = rotary.apply(key)
        }
        let attended = Tensor.scaledDotProductAttention(query: query, key: key, value: value, mask: mask)
        return projection(AttentionHeads.merge(attended))
    }

    /// The pre-softmax logits `q kᵀ / √d` (`[B, heads, N, N]`) this attention computes on `x` (`[B, N, width]`), with
    /// `rotary` as in `callAsFunction` (for attention alignment; the forward pass does not compute them).
    public func logits(_ x: Tensor, rotary: RotaryEmbedding? = nil) -> Tensor {
        AttentionLogits.of(queryKeyValue(x), heads: heads, rotary: rotary)
    }
}
