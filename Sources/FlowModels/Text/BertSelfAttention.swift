import FlowNN
import FlowTensor

/// BERT's multi-head self-attention projections, with Hugging Face names `query`, `key`, `value`.
///
/// The three projections run as one fused gemm and the heads attend with `softmax(q kᵀ / √d + mask) v`
/// (the same computation as PyTorch's `BertSelfAttention`).
public final class BertSelfAttention: Module {
    /// The query projection.
    public let query: Linear
    /// The key projection.
    public let key: Linear
    /// The value projection.
    public let value: Linear
    /// The number of heads.
    public let heads: Int

    /// Attention over `width` features in `heads` heads.
    public init(width: Int, heads: Int, generator: inout RandomGenerator) {
        query = Linear(width, width, generator: &generator)
        key = Linear(width, width, generator: &generator)
        value = Linear(width, width, generator: &generator)
        self.heads = heads
    }

    /// The heads' outputs, concatenated: `[B, L, width]` from `x` `[B, L, width]`; `mask` is additive, `[B, 1, 1, L]`.
    public func callAsFunction(_ x: Tensor, mask: Tensor?) -> Tensor {
        let weight = Tensor.concatenate([query.weight, key.weight, value.weight], axis: 0)
        let bias = Tensor.concatenate([query.bias!, key.bias!, value.bias!], axis: 0)
        return Tensor.packedSelfAttention(Tensor.linear(x, weight: weight, bias: bias), heads: heads, mask: mask)
    }
}
