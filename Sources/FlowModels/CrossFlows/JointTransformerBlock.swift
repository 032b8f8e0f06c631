import FlowNN
import FlowTensor

/// An MM-DiT block (Stable Diffusion 3's `JointBlock` and `block_mixing`, Stability-AI/sd3-ref `mmditx.py`): text and
/// image tokens keep separate weights but attend together.
///
/// Each stream projects its own modulated tokens to queries, keys and values; the two sets are concatenated along
/// the tokens, text first, and attend as one sequence (`softmax(q kᵀ / √d) v` per head); each stream takes back its
/// rows and finishes with its own projection, gated residual and MLP. Parameters: `context_block.*` (text) and
/// `x_block.*` (image), each a `JointTransformerStream`.
///
/// ```swift
/// let block = JointTransformerBlock(width: 64, heads: 4, contextPreOnly: false, generator: &generator)
/// let (image, context) = block(image: x, context: text, condition: c)   // x [B, N, 64], text [B, L, 64], c [B, 64]
/// ```
public final class JointTransformerBlock: Module {
    /// The text stream (checkpoint key `context_block`).
    public let contextStream: JointTransformerStream
    /// The image stream (checkpoint key `x_block`).
    public let imageStream: JointTransformerStream
    /// The number of heads of the joint attention.
    public let heads: Int

    override public class var checkpointKeys: [String: String] { ["contextStream": "context_block", "imageStream": "x_block"] }

    /// A block of `width` features and `heads` heads; `contextPreOnly` (SD3's last block) drops the text stream's output.
    public init(width: Int, heads: Int, mlpRatio: Double = 4, contextPreOnly: Bool, dtype: DType = .float32,
                generator: inout RandomGenerator) {
        self.heads = heads
        contextStream = JointTransformerStream(width: width, heads: heads, mlpRatio: mlpRatio, preOnly: contextPreOnly,
                                               dtype: dtype, generator: &generator)
        imageStream = JointTransformerStream(width: width, heads: heads, mlpRatio: mlpRatio, dtype: dtype,
                                             generator: &generator)
    }

    /// The new image tokens `[B, N, width]` and text tokens `[B, L, width]` (nil when the text stream is pre-only)
    /// from image tokens `image`, text tokens `context` and the conditioning vector `condition` (`[B, width]`).
    public func callAsFunction(image: Tensor, context: Tensor, condition: Tensor) -> (image: Tensor, context: Tensor?) {
        let result = forward(image: image, context: context, condition: condition, imageAttentionLogits: false)
        return (result.image, result.context)
    }

    /// The new tokens as `callAsFunction` and, when `imageAttentionLogits` is set, the joint attention's pre-softmax
    /// logits among the image tokens, `[B, heads, N, N]` (image queries against image keys, `q kᵀ / √d` as the joint
    /// attention computes them). The text keys are left out, so a softmax over the last axis is the joint attention's
    /// image-to-image block renormalised (HASTE's student attention); computed only when asked.
    public func forward(image: Tensor, context: Tensor, condition: Tensor,
                        imageAttentionLogits: Bool) -> (image: Tensor, context: Tensor?, attention: Tensor?) {
        let text = contextStream.preAttention(context, condition: condition)
        let pixels = imageStream.preAttention(image, condition: condition)
        let joint = Tensor.concatenate([text.queryKeyValue, pixels.queryKeyValue], axis: 1)
        let attended = Tensor.packedSelfAttention(joint, heads: heads).split([context.shape[1], image.shape[1]], axis: 1)
        let newContext = contextStream.isPreOnly ? nil
            : contextStream.postAttention(attended[0], x: context, modulation: text.modulation)
        let logits = imageAttentionLogits ? AttentionLogits.of(pixels.queryKeyValue, heads: heads) : nil
        return (imageStream.postAttention(attended[1], x: image, modulation: pixels.modulation), newContext, logits)
    }
}
