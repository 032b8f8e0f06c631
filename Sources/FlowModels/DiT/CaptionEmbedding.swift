import FlowNN
import FlowTensor

/// Caption tokens to a pooled conditioning vector and, optionally, a context for cross-attention.
///
/// `embedding_table` holds `vocabulary + 1` rows; the last is the padding token, which also spells the
/// dropped ("no caption") condition. The pooled vector is the mean of a caption's token vectors (padding
/// included, so an all-padding caption has its own learned vector); with cross-attention the context is the
/// token vectors plus learned positions `pos_embed` (`[1, length, width]`).
///
/// ```swift
/// let captions = CaptionEmbedding(vocabulary: 12, length: 4, width: 64, crossAttention: true, generator: &generator)
/// let (pooled, context) = captions(tokens)   // tokens: B · 4 ids → [B, 64], [B, 4, 64]
/// ```
public final class CaptionEmbedding: Module {
    /// The `[vocabulary + 1, width]` token table (checkpoint key `embedding_table`).
    public let table: Embedding
    /// Learned positions `[1, length, width]` added to the cross-attention context, or nil without it.
    public let positions: Tensor?
    /// Tokens per caption.
    public let length: Int

    override public class var checkpointKeys: [String: String] { ["table": "embedding_table", "positions": "pos_embed"] }

    /// A table of `vocabulary` tokens plus padding, for captions of `length` tokens, drawn from N(0, 0.02²).
    public init(vocabulary: Int, length: Int, width: Int, crossAttention: Bool, dtype: DType = .float32,
                generator: inout RandomGenerator) {
        self.length = length
        table = Embedding(count: vocabulary + 1, width: width, dtype: dtype, generator: &generator)
        table.weight.assign(table.weight * 0.02)
        if crossAttention {
            let values = generator.normalTensor([1, length, width], dtype: dtype) * 0.02
            values.requiresGrad = true
            positions = values
        } else {
            positions = nil
        }
    }

    /// The padding (and "no caption") token id.
    public var paddingToken: Int { table.count - 1 }

    /// The pooled vectors `[B, width]` and, with cross-attention, the context `[B, length, width]` of
    /// `tokens` (`B · length` ids, row by row).
    public func callAsFunction(_ tokens: [Int]) -> (pooled: Tensor, context: Tensor?) {
        let batch = tokens.count / length
        let vectors = table(tokens, shape: [batch, length])
        return (vectors.mean(axes: [1]), positions.map { vectors + $0 })
    }
}
