import FlowTensor

/// Reshaping between token features and attention heads.
enum AttentionHeads {
    /// `[B, N, heads · D]` → `[B, heads, N, D]`.
    static func split(_ x: Tensor, heads: Int) -> Tensor {
        let (batch, length, width) = (x.shape[0], x.shape[1], x.shape[2])
        return x.reshaped([batch, length, heads, width / heads]).permuted([0, 2, 1, 3])
    }

    /// `[B, heads, N, D]` → `[B, N, heads · D]`.
    static func merge(_ x: Tensor) -> Tensor {
        let (batch, heads, length, depth) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        return x.permuted([0, 2, 1, 3]).reshaped([batch, length, heads * depth])
    }
}
