import FlowTensor

/// Pre-softmax attention logits `q kᵀ / √d` per head, read from packed query/key/value projections: what attention
/// alignment (HASTE) compares, computed apart from the fused attention so that the ordinary forward pass stays as is.
///
/// ```swift
/// let logits = AttentionLogits.of(queryKeyValue, heads: 4)   // [B, N, 3C] → [B, 4, N, N]
/// let probabilities = logits.softmax()                        // the attention each query pays each key
/// ```
public enum AttentionLogits {
    /// The logits `[B, heads, N, N]` of packed projections `queryKeyValue` (`[B, N, 3C]`, per token `[3, heads, C/heads]`,
    /// timm's `qkv` layout), with `rotary` applied to queries and keys when given (its length must be N).
    public static func of(_ queryKeyValue: Tensor, heads: Int, rotary: RotaryEmbedding? = nil) -> Tensor {
        precondition(queryKeyValue.rank == 3 && queryKeyValue.shape[2] % (3 * heads) == 0,
                     "AttentionLogits: \(queryKeyValue.shape) is not [B, N, 3 · heads · depth] for \(heads) heads")
        let width = queryKeyValue.shape[2] / 3
        let parts = queryKeyValue.split([width, width, width], axis: -1)
        var query = AttentionHeads.split(parts[0], heads: heads)
        var key = AttentionHeads.split(parts[1], heads: heads)
        if let rotary {
            query = rotary.apply(query)
            key = rotary.apply(key)
        }
        return Tensor.matmul(query, key, transposeB: true) * (1 / Double(width / heads).squareRoot())
    }
}
