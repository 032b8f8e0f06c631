import FlowTensor

/// Multi-head cross-attention: queries from `x`, keys and values from a context, as PixArt's
/// `MultiHeadCrossAttention` (`q_linear`, `kv_linear`, `proj`).
///
/// `kv_linear` maps the context `[B, S, contextWidth]` to `[B, S, 2C]`, read as `[2, heads, C/heads]` per token.
///
/// ```swift
/// let attention = CrossAttention(width: 32, contextWidth: 24, heads: 4, generator: &generator)
/// let y = attention(x, context: tokens)    // x: [B, N, 32], tokens: [B, S, 24] → [B, N, 32]
/// ```
public final class CrossAttention: Module {
    /// The query projection of `x` (checkpoint key `q_linear`).
    public let query: Linear
    /// The fused key/value projection of the context (checkpoint key `kv_linear`).
    public let keyValue: Linear
    /// The output projection (checkpoint key `proj`).
    public let projection: Linear
    /// The number of heads.
    public let heads: Int

    override public class var checkpointKeys: [String: String] {
        ["query": "q_linear", "keyValue": "kv_linear", "projection": "proj"]
    }

    /// Cross-attention from `width` features to a context of `contextWidth` features, in `heads` heads.
    public init(width: Int, contextWidth: Int, heads: Int, bias: Bool = true, dtype: DType = .float32,
                generator: inout RandomGenerator) {
        precondition(width % heads == 0, "attention width \(width) is not divisible by \(heads) heads")
        self.heads = heads
        query = Linear(width, width, bias: bias, dtype: dtype, generator: &generator)
        keyValue = Linear(contextWidth, 2 * width, bias: bias, dtype: dtype, generator: &generator)
        projection = Linear(width, width, bias: bias, dtype: dtype, generator: &generator)
    }

    /// The feature width of `x` and of the output.
    public var width: Int { projection.outputWidth }
    /// The feature width of the context.
    public var contextWidth: Int { keyValue.inputWidth }

    /// Attends `x` (`[B, N, width]`) to `context` (`[B, S, contextWidth]`).
    ///
    /// `mask` is additive and broadcasts to `[B, heads, N, S]` (e.g. `[B, 1, 1, S]` to drop padded context tokens).
    public func callAsFunction(_ x: Tensor, context: Tensor, mask: Tensor? = nil) -> Tensor {
        precondition(x.rank == 3 && x.shape[2] == width, "CrossAttention expects x [B, N, \(width)], got \(x.shape)")
        precondition(context.rank == 3 && context.shape[2] == contextWidth && context.shape[0] == x.shape[0],
                     "CrossAttention expects context [\(x.shape[0]), S, \(contextWidth)], got \(context.shape)")
        // Heads split and merged inside one fused op (strided gemms, no permuted copies).
        return projection(Tensor.packedCrossAttention(query: query(x), keyValue: keyValue(context), heads: heads, mask: mask))
    }
}
