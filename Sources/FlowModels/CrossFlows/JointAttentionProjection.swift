import FlowNN
import FlowTensor

/// One stream's projections around MM-DiT joint attention (Stable Diffusion 3's `SelfAttention` in
/// Stability-AI/sd3-ref `mmditx.py`): `qkv` before the attention, `proj` after it.
///
/// The attention itself runs over the tokens of both streams together (`JointTransformerBlock`), so this module only
/// projects. A *pre-only* stream (SD3's text stream in the last block, whose output nobody reads) has no `proj`.
///
/// ```swift
/// let projections = JointAttentionProjection(width: 64, heads: 4, preOnly: false, generator: &generator)
/// let packed = projections.queryKeyValue(tokens)   // [B, N, 64] → [B, N, 192], per token [3, heads, 16]
/// ```
public final class JointAttentionProjection: Module {
    /// The fused query/key/value projection (checkpoint key `qkv`).
    public let queryKeyValue: Linear
    /// The output projection (checkpoint key `proj`), nil in a pre-only stream.
    public let projection: Linear?
    /// The number of heads.
    public let heads: Int

    override public class var checkpointKeys: [String: String] { ["queryKeyValue": "qkv", "projection": "proj"] }

    /// Projections of `width` features for `heads` heads; `preOnly` leaves out the output projection.
    public init(width: Int, heads: Int, preOnly: Bool, dtype: DType = .float32, generator: inout RandomGenerator) {
        precondition(width % heads == 0, "attention width \(width) is not divisible by \(heads) heads")
        self.heads = heads
        queryKeyValue = Linear(width, 3 * width, dtype: dtype, generator: &generator)
        projection = preOnly ? nil : Linear(width, width, dtype: dtype, generator: &generator)
    }
}
