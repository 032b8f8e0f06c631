extension Tensor {
    /// Multi-head cross-attention on packed projections, fused: `softmax(q kᵀ · scale + mask) v` per head, with
    /// the heads read from and written to their columns by strided gemms instead of permuted copies.
    ///
    /// `query` is `[B, L, C]` (heads concatenated, `[heads, C/heads]` per token); `keyValue` is `[B, S, 2C]`, laid
    /// out per token as `[2, heads, C/heads]` (PixArt's `kv_linear` output: keys, then values). The result is
    /// `[B, L, C]` with the heads concatenated. `mask` is additive and broadcasts to `[B, heads, L, S]`; `scale`
    /// defaults to `1/√(C/heads)`. The same as splitting the heads, `scaledDotProductAttention` and merging.
    ///
    /// ```swift
    /// let attended = Tensor.packedCrossAttention(query: q, keyValue: kv, heads: 4)   // q [B, L, C], kv [B, S, 2C]
    /// ```
    public static func packedCrossAttention(query: Tensor, keyValue: Tensor, heads: Int, mask: Tensor? = nil,
                                            scale: Double? = nil) -> Tensor {
        precondition(query.rank == 3 && heads > 0 && query.shape[2] % heads == 0,
                     "packedCrossAttention: query \(query.shape) is not [B, L, heads · depth] for \(heads) heads")
        let (batch, queryLength, width) = (query.shape[0], query.shape[1], query.shape[2])
        precondition(keyValue.rank == 3 && keyValue.shape[0] == batch && keyValue.shape[2] == 2 * width
                     && keyValue.dtype == query.dtype,
                     "packedCrossAttention: keyValue \(keyValue.shape) \(keyValue.dtype) is not [\(batch), S, \(2 * width)] \(query.dtype)")
        let keyLength = keyValue.shape[1]
        let layout = PackedAttentionLayout.crossAttention(
            batch: batch, queryLength: queryLength, keyLength: keyLength, heads: heads, depth: width / heads,
            scale: scale ?? 1 / Double(width / heads).squareRoot(),
            maskStrides: packedAttentionMaskStrides(mask, dtype: query.dtype, shape: [batch, heads, queryLength, keyLength],
                                                    operation: "packedCrossAttention"))
        let (result, probabilities) = packedAttentionForward(query: query, keys: keyValue, mask: mask, layout)
        let inputs = [query, keyValue] + (mask.map { [$0] } ?? [])
        return query.record(result, inputs: inputs) { gradient in
            let gradientQuery = Tensor.uninitialized(query.shape, dtype: query.dtype)
            let gradientKeyValue = Tensor.uninitialized(keyValue.shape, dtype: query.dtype)
            let gradientScores = packedAttentionBackward(query: query, keys: keyValue, probabilities: probabilities,
                                                         gradient: gradient, gradientQuery: gradientQuery,
                                                         gradientKeys: gradientKeyValue, layout)
            var gradients: [Tensor?] = [query.needsGradient ? gradientQuery : nil,
                                        keyValue.needsGradient ? gradientKeyValue : nil]
            if let mask {
                gradients.append(mask.needsGradient ? (gradientScores * (1 / layout.scale)).summed(toShape: mask.shape) : nil)
            }
            return gradients
        }
    }
}
