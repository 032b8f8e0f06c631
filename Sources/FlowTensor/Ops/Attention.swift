extension Tensor {
    /// Scaled dot-product attention: `softmax(q kᵀ · scale + mask) v`.
    ///
    /// `query` is `[..., L, d]`, `key` `[..., S, d]`, `value` `[..., S, dv]`; `mask` is additive and broadcasts to
    /// `[..., L, S]` (0 to keep, a large negative number or -inf to drop). `scale` defaults to `1/√d`.
    public static func scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor,
                                                 mask: Tensor? = nil, scale: Double? = nil) -> Tensor {
        let depth = query.shape.last!
        var scores = matmul(query, key, transposeB: true) * (scale ?? 1 / Double(depth).squareRoot())
        if let mask { scores = scores + mask }
        return matmul(scores.softmax(), value)
    }

    /// An additive causal mask `[length, length]`: 0 on and below the diagonal, -inf above.
    public static func causalMask(_ length: Int, dtype: DType = .float32) -> Tensor {
        let values = (0..<length * length).map { ($0 % length) > ($0 / length) ? -Double.infinity : 0 }
        return Tensor(shape: [length, length], scalars: values).converted(to: dtype)
    }

    /// An additive mask from a boolean keep-mask (true keeps, false drops).
    public static func additiveMask(keep: [Bool], shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(shape: shape, scalars: keep.map { $0 ? 0 : -Double.infinity }).converted(to: dtype)
    }
}
