import FlowNN
import FlowTensor

/// The image (continuous) flow of CrossFlows (paper §3.3): an MM-DiT that reads the current caption state.
///
/// Structure and names follow Stable Diffusion 3's `MMDiTX` (Stability-AI/sd3-ref `mmditx.py`):
/// ```
/// x = x_embedder(I_t) + pos_embed                         fixed 2-D sin-cos positions
/// c = t_embedder(timeScale · t)                           adaLN conditioning (timestep only)
/// context = context_embedder(C_t)                         token vectors of the noisy caption + learned positions
/// for block in joint_blocks: (x, context) = block(x, context, c)   the last block's text stream is pre-only
/// v = unpatchify(final_layer(x, c))
/// ```
/// SD3's `context_embedder` is a linear map of frozen text-encoder features; here the text stream reads the *current*
/// caption state `C_t`, so it is a token table instead (`context_embedder.embedding_table` with `vocabulary + 1` rows,
/// `context_embedder.pos_embed` `[1, L, width]`, a `CaptionEmbedding`). Its last row is the null token: a caption of
/// null tokens is the dropped caption of classifier-free guidance. SD3's pooled-text `y_embedder` is left out (the
/// adaLN sees the timestep only, as the paper's Figure 3). Images are channel-last `[B, H, W, C]`; the output is the
/// velocity, shaped like the images.
public final class CrossFlowsImageModel: Module {
    /// Patch embedding (checkpoint key `x_embedder`).
    public let patchEmbedding: PatchEmbedding
    /// Timestep embedding, 256 sinusoidal features through `mlp.0`, SiLU, `mlp.2` (checkpoint key `t_embedder`).
    public let timeEmbedding: SinusoidalTimeEmbedding
    /// The caption-state token table and positions (checkpoint key `context_embedder`).
    public let captionEmbedding: CaptionEmbedding
    /// The fixed `[1, N, width]` sin-cos positions (checkpoint key `pos_embed`; not trained).
    public let positions: Tensor
    /// The MM-DiT blocks (checkpoint key `joint_blocks`).
    public let blocks: [JointTransformerBlock]
    /// The final modulated projection to patch pixels (checkpoint key `final_layer`).
    public let finalLayer: DiTFinalLayer
    /// REPA's projectors (checkpoint key `projectors`, REPA's names: `projectors.N.0`, `.2`, `.4`), one per
    /// `configuration.projectorWidths` entry: `Linear(width, hidden) - SiLU - Linear(hidden, hidden) - SiLU -
    /// Linear(hidden, teacher width)`, applied per token to a block's image-stream hidden states. Not used by the
    /// velocity; trained only through an alignment term.
    public let projectors: [Sequential]
    /// Patch size, image side and time scale.
    let patchSize: Int, imageSize: Int, timeScale: Double

    override public class var checkpointKeys: [String: String] {
        ["patchEmbedding": "x_embedder", "timeEmbedding": "t_embedder", "captionEmbedding": "context_embedder",
         "positions": "pos_embed", "blocks": "joint_blocks", "finalLayer": "final_layer"]
    }

    /// A model initialised as DiT: Xavier-uniform linear layers with zero biases, N(0, 0.02²) timestep MLP and token
    /// table, zero adaLN modulations and output layer (adaLN-Zero). The configuration must be valid.
    init(configuration c: CrossFlowsConfiguration, dtype: DType, generator: inout RandomGenerator) {
        (patchSize, imageSize, timeScale) = (c.patchSize, c.imageSize, c.timeScale)
        patchEmbedding = PatchEmbedding(patchSize: c.patchSize, channels: c.channels, width: c.width, layout: .channelsLast,
                                        dtype: dtype, generator: &generator)
        timeEmbedding = SinusoidalTimeEmbedding(dimension: c.frequencyEmbeddingSize, outputWidth: c.width, dtype: dtype,
                                                generator: &generator)
        captionEmbedding = CaptionEmbedding(vocabulary: c.vocabulary, length: c.captionLength, width: c.width,
                                            crossAttention: true, dtype: dtype, generator: &generator)
        positions = SinCosPositionEmbedding.table(width: c.width, side: c.patchesPerSide, dtype: dtype)
            .reshaped([1, c.imageTokens, c.width]).copy()
        blocks = (0..<c.depth).map { index in
            JointTransformerBlock(width: c.width, heads: c.heads, mlpRatio: c.mlpRatio, contextPreOnly: index == c.depth - 1,
                                  dtype: dtype, generator: &generator)
        }
        finalLayer = DiTFinalLayer(width: c.width, patchSize: c.patchSize, channels: c.channels, dtype: dtype,
                                   generator: &generator)
        projectors = c.projectorWidths.map { output in
            Sequential([Linear(c.width, c.projectorHidden, dtype: dtype, generator: &generator), Activation(.silu),
                        Linear(c.projectorHidden, c.projectorHidden, dtype: dtype, generator: &generator), Activation(.silu),
                        Linear(c.projectorHidden, output, dtype: dtype, generator: &generator)])
        }
        super.init()
        ReferenceInitialization.linearLayers(of: self, generator: &generator)
        ReferenceInitialization.patchEmbedding(patchEmbedding, generator: &generator)
        ReferenceInitialization.timeEmbedding(timeEmbedding, generator: &generator)
        for block in blocks {
            block.contextStream.modulation.resetToZero()
            block.imageStream.modulation.resetToZero()
        }
        ReferenceInitialization.zeroFinalLayer(finalLayer)
    }

    /// The velocity `[B, H, W, C]` at images `images` (`[B, H, W, C]`), caption states `captions` (`B · L` token ids,
    /// row by row, null token allowed) and times `t` (`[B]`, in `[0, 1]`).
    public func callAsFunction(_ images: Tensor, captions: [Int], t: Tensor) -> Tensor {
        forward(images, captions: captions, t: t).velocity
    }

    /// The velocity as `callAsFunction`, with the image stream's hidden states `[B, N, width]` after each block
    /// (`hidden[k]` after block k, for REPA's projector) and, for each block index in `attentionBlocks`, that block's
    /// pre-softmax attention logits among the image tokens (`[B, heads, N, N]`, text keys left out; see
    /// `JointTransformerBlock.forward(image:context:condition:imageAttentionLogits:)`, for HASTE).
    public func forward(_ images: Tensor, captions: [Int], t: Tensor,
                        attentionBlocks: Set<Int> = []) -> (velocity: Tensor, hidden: [Tensor], attention: [Int: Tensor]) {
        var image = patchEmbedding(images) + positions
        let condition = timeEmbedding(t.converted(to: images.dtype) * timeScale)
        var context: Tensor? = captionEmbedding(captions).context!
        var hidden: [Tensor] = []
        var attention: [Int: Tensor] = [:]
        for (index, block) in blocks.enumerated() {
            let result = block.forward(image: image, context: context!, condition: condition,
                                       imageAttentionLogits: attentionBlocks.contains(index))
            (image, context) = (result.image, result.context)
            attention[index] = result.attention
            hidden.append(image)
        }
        let velocity = ImagePatches.unpatchify(finalLayer(image, condition: condition), patchSize: patchSize,
                                               height: imageSize, width: imageSize)
        return (velocity, hidden, attention)
    }
}
