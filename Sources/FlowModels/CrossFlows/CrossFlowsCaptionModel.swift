import FlowNN
import FlowTensor

/// The caption (discrete) flow of CrossFlows (paper §3.3): a transformer over the current caption state that attends
/// to the current image state and predicts the posterior over clean tokens.
///
/// ```
/// x = x_embedder(C_t)                                  token vectors + learned positions
/// z = image_embedder(I_t)                              its own patch encoder (patches, sin-cos positions, Linear)
/// c = t_embedder(timeScale · t)                        adaLN conditioning
/// for block in blocks: x = block(x, z, c)              x ← x + SelfAttn(x) + CrossAttn(x, z) + MLP(x)
/// logits = final_layer(x, c)                           [B, L, vocabulary]
/// ```
/// `x_embedder` is a `CaptionEmbedding` (`embedding_table` with `vocabulary + 1` rows, `pos_embed`); its last row, the
/// image flow's null token, is never fed to this model (a dropped caption only hides the caption from the image flow).
/// `final_layer` is DiT's final layer with one "pixel" of `vocabulary` channels per token (`norm_final`, `linear`,
/// `adaLN_modulation`, the layout of MDLM's `DDitFinalLayer`).
public final class CrossFlowsCaptionModel: Module {
    /// Caption-state token table and learned positions (checkpoint key `x_embedder`).
    public let captionEmbedding: CaptionEmbedding
    /// Timestep embedding (checkpoint key `t_embedder`).
    public let timeEmbedding: SinusoidalTimeEmbedding
    /// The encoder of the current image state (checkpoint key `image_embedder`).
    public let imageEncoder: ImagePatchEncoder
    /// The blocks.
    public let blocks: [CaptionFlowBlock]
    /// The modulated projection to vocabulary logits (checkpoint key `final_layer`).
    public let finalLayer: DiTFinalLayer
    /// The time scale.
    let timeScale: Double

    override public class var checkpointKeys: [String: String] {
        ["captionEmbedding": "x_embedder", "timeEmbedding": "t_embedder", "imageEncoder": "image_embedder",
         "finalLayer": "final_layer"]
    }

    /// A model initialised as DiT (Xavier-uniform linear layers with zero biases, N(0, 0.02²) timestep MLP and token
    /// table, zero adaLN modulations and output layer). The configuration must be valid.
    init(configuration c: CrossFlowsConfiguration, dtype: DType, generator: inout RandomGenerator) {
        timeScale = c.timeScale
        let width = c.captionWidth
        captionEmbedding = CaptionEmbedding(vocabulary: c.vocabulary, length: c.captionLength, width: width,
                                            crossAttention: true, dtype: dtype, generator: &generator)
        timeEmbedding = SinusoidalTimeEmbedding(dimension: c.frequencyEmbeddingSize, outputWidth: width, dtype: dtype,
                                                generator: &generator)
        imageEncoder = ImagePatchEncoder(imageSize: c.imageSize, patchSize: c.encoderPatchSize, channels: c.channels,
                                         width: width, depth: c.encoderDepth, heads: c.captionHeads, mlpRatio: c.mlpRatio,
                                         dtype: dtype, generator: &generator)
        blocks = (0..<c.captionDepth).map { _ in
            CaptionFlowBlock(width: width, heads: c.captionHeads, imageWidth: width, mlpRatio: c.mlpRatio, dtype: dtype,
                             generator: &generator)
        }
        finalLayer = DiTFinalLayer(width: width, patchSize: 1, channels: c.vocabulary, dtype: dtype, generator: &generator)
        super.init()
        ReferenceInitialization.linearLayers(of: self, generator: &generator)
        ReferenceInitialization.patchEmbedding(imageEncoder.patchEmbedding, generator: &generator)
        ReferenceInitialization.timeEmbedding(timeEmbedding, generator: &generator)
        for block in blocks { block.modulation.resetToZero() }
        ReferenceInitialization.zeroFinalLayer(finalLayer)
    }

    /// Posterior logits `[B, L, vocabulary]` over the clean caption, at caption states `captions` (`B · L` ids, row by
    /// row), images `images` (`[B, H, W, C]`) and times `t` (`[B]`, in `[0, 1]`).
    public func callAsFunction(captions: [Int], images: Tensor, t: Tensor) -> Tensor {
        let image = imageEncoder(images)
        let condition = timeEmbedding(t.converted(to: images.dtype) * timeScale)
        let tokens = blocks.reduce(captionEmbedding(captions).context!) { $1($0, image: image, condition: condition) }
        return finalLayer(tokens, condition: condition)
    }
}
