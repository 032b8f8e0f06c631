import FlowNN
import FlowTensor

/// FlowTok's 1D image tokenizer (TA-TiTok with RoPE and SwiGLU, KL-regularised): images to L latent tokens of d
/// channels and back.
///
/// Encoder: patch tokens (a convolution, channel-last images, plus learned positions) followed by L learned latent tokens pass
/// `depth` pre-LN SwiGLU blocks, with 2D RoPE on the patch tokens only; the latent tokens, normalised, are
/// projected to `2d` channels, the moments of a ``DiagonalGaussian``. Decoder: one learned mask token plus a learned position per patch
/// followed by the latents projected to the width pass its own blocks (RoPE on the mask tokens); the patch
/// positions, normalised, are projected to pixels and un-patchified.
///
/// Parameters: `encoder.patch_embed.proj.*`, `encoder.pos_embed`, `encoder.latent_tokens`, `encoder.blocks.N.*`, `encoder.norm.*`,
/// `encoder.moments.*`, `decoder.latent_embed.*`, `decoder.mask_token`, `decoder.pos_embed`, `decoder.blocks.N.*`, `decoder.norm.*`,
/// `decoder.pixels.*` (see `Scripts/reference/flowtok_model.py`).
///
/// ```swift
/// let tokenizer = try ImageTokenizer(configuration: configuration, generator: &generator)
/// let posterior = tokenizer.encode(images)               // images [B, H, W, 3] → μ, logvar [B, L, d]
/// let reconstruction = tokenizer.decode(posterior.mean)   // [B, H, W, 3]
/// ```
public final class ImageTokenizer: Module {
    /// The sizes.
    public let configuration: ImageTokenizerConfiguration
    /// Images → Gaussian latents.
    public let encoder: ImageTokenizerEncoder
    /// Latents → images.
    public let decoder: ImageTokenizerDecoder

    /// A tokenizer of `configuration`'s sizes; throws when they do not fit together.
    public init(configuration: ImageTokenizerConfiguration, dtype: DType = .float32, generator: inout RandomGenerator) throws {
        guard configuration.problems.isEmpty else { throw FlowTokError(configuration.problems) }
        self.configuration = configuration
        encoder = ImageTokenizerEncoder(configuration: configuration, dtype: dtype, generator: &generator)
        decoder = ImageTokenizerDecoder(configuration: configuration, dtype: dtype, generator: &generator)
    }

    /// The posterior over latent tokens of channel-last `images` (`[B, H, W, C]`).
    public func encode(_ images: Tensor) -> DiagonalGaussian { encoder(images) }

    /// The images `[B, H, W, C]` that latent tokens `z` (`[B, L, d]`) decode to.
    public func decode(_ z: Tensor) -> Tensor { decoder(z) }
}

/// The encoder half of ``ImageTokenizer``.
public final class ImageTokenizerEncoder: Module {
    /// The sizes.
    public let configuration: ImageTokenizerConfiguration
    /// Patch embedding (checkpoint key `patch_embed`).
    public let patchEmbedding: PatchEmbedding
    /// The learned absolute positions of the patch tokens `[P, width]` (checkpoint key `pos_embed`), as TiTok's.
    public let positions: Tensor
    /// The L learned latent tokens `[L, width]` (checkpoint key `latent_tokens`).
    public let latentTokens: Tensor
    /// The blocks.
    public let blocks: [SwiGLUTransformerBlock]
    /// The final layer norm over the latent tokens.
    public let norm: LayerNorm
    /// The projection of the latent tokens to `2d` moments.
    public let moments: Linear
    let rotary: RotaryEmbedding

    override public class var checkpointKeys: [String: String] {
        ["patchEmbedding": "patch_embed", "positions": "pos_embed", "latentTokens": "latent_tokens"]
    }

    init(configuration c: ImageTokenizerConfiguration, dtype: DType, generator: inout RandomGenerator) {
        configuration = c
        patchEmbedding = PatchEmbedding(patchSize: c.patchSize, channels: c.channels, width: c.width, layout: .channelsLast,
                                        dtype: dtype, generator: &generator)
        positions = FlowTokInitialization.learned(generator.normalTensor([c.patches, c.width], dtype: dtype) * (1 / Double(c.width).squareRoot()))
        latentTokens = FlowTokInitialization.learned(generator.normalTensor([c.latentTokens, c.width], dtype: dtype) * (1 / Double(c.width).squareRoot()))
        blocks = (0..<c.depth).map { _ in SwiGLUTransformerBlock(width: c.width, heads: c.heads, dtype: dtype, generator: &generator) }
        norm = LayerNorm(c.width, dtype: dtype)
        moments = Linear(c.width, 2 * c.latentChannels, dtype: dtype, generator: &generator)
        rotary = RotaryEmbedding(dimension: c.width / c.heads, height: c.patchesPerSide, width: c.patchesPerSide,
                                 unrotated: c.latentTokens)
    }

    /// The posterior over the latent tokens of `images` (`[B, H, W, C]`).
    public func callAsFunction(_ images: Tensor) -> DiagonalGaussian {
        let hidden = hiddenStates(images)
        let latentStates = hidden.slice(axis: 1, configuration.patches..<(configuration.patches + configuration.latentTokens))
        return DiagonalGaussian(moments: moments(norm(latentStates)))
    }

    /// The patch tokens' hidden states after the last block, `[B, P, width]` in row-major patch order (a frozen
    /// teacher's patch features for REPA).
    public func patchFeatures(_ images: Tensor) -> Tensor {
        hiddenStates(images).slice(axis: 1, 0..<configuration.patches)
    }

    /// The patch features as `patchFeatures(_:)` and, for each block index in `attentionBlocks` (0-based), that
    /// block's pre-softmax attention logits among the patch tokens, `[B, heads, P, P]` in row-major patch order: the
    /// L latent tokens (the tokenizer's analogue of a ViT's CLS token) are dropped from both queries and keys (a frozen
    /// teacher's attention for HASTE's attention alignment).
    public func patchFeatures(_ images: Tensor, attentionBlocks: Set<Int>) -> (features: Tensor, attention: [Int: Tensor]) {
        var attention: [Int: Tensor] = [:]
        let hidden = hiddenStates(images) { index, block, x in
            guard attentionBlocks.contains(index) else { return }
            let patches = 0..<configuration.patches
            attention[index] = block.attentionLogits(x, rotary: rotary).slice(axis: 2, patches).slice(axis: 3, patches)
        }
        return (hidden.slice(axis: 1, 0..<configuration.patches), attention)
    }

    /// The hidden states `[B, P + L, width]` of the patch and latent tokens after the last block; `observe` sees each
    /// block's index and input before the block runs.
    func hiddenStates(_ images: Tensor, observe: (Int, SwiGLUTransformerBlock, Tensor) -> Void = { _, _, _ in }) -> Tensor {
        let batch = images.shape[0]
        let patches = patchEmbedding(images) + positions
        let latents = latentTokens.reshaped([1, configuration.latentTokens, configuration.width])
            .broadcast(to: [batch, configuration.latentTokens, configuration.width])
        var x = Tensor.concatenate([patches, latents], axis: 1)
        for (index, block) in blocks.enumerated() {
            observe(index, block, x)
            x = block(x, rotary: rotary)
        }
        return x
    }
}

/// The decoder half of ``ImageTokenizer``.
public final class ImageTokenizerDecoder: Module {
    let configuration: ImageTokenizerConfiguration
    /// The projection of latent tokens `d → width` (checkpoint key `latent_embed`).
    public let latentEmbedding: Linear
    /// The learned mask token `[width]` that stands for every patch (checkpoint key `mask_token`).
    public let maskToken: Tensor
    /// The learned absolute positions of the mask tokens `[P, width]` (checkpoint key `pos_embed`).
    public let positions: Tensor
    /// The blocks.
    public let blocks: [SwiGLUTransformerBlock]
    /// The final layer norm over the patch positions.
    public let norm: LayerNorm
    /// The projection to `p · p · C` pixels per patch, `(row, column, channel)` order.
    public let pixels: Linear
    let rotary: RotaryEmbedding

    override public class var checkpointKeys: [String: String] {
        ["latentEmbedding": "latent_embed", "maskToken": "mask_token", "positions": "pos_embed"]
    }

    init(configuration c: ImageTokenizerConfiguration, dtype: DType, generator: inout RandomGenerator) {
        configuration = c
        latentEmbedding = Linear(c.latentChannels, c.width, dtype: dtype, generator: &generator)
        maskToken = FlowTokInitialization.learned(generator.normalTensor([c.width], dtype: dtype) * (1 / Double(c.width).squareRoot()))
        positions = FlowTokInitialization.learned(generator.normalTensor([c.patches, c.width], dtype: dtype) * (1 / Double(c.width).squareRoot()))
        blocks = (0..<c.depth).map { _ in SwiGLUTransformerBlock(width: c.width, heads: c.heads, dtype: dtype, generator: &generator) }
        norm = LayerNorm(c.width, dtype: dtype)
        pixels = Linear(c.width, c.patchSize * c.patchSize * c.channels, dtype: dtype, generator: &generator)
        rotary = RotaryEmbedding(dimension: c.width / c.heads, height: c.patchesPerSide, width: c.patchesPerSide,
                                 unrotated: c.latentTokens)
    }

    /// The images `[B, H, W, C]` of latent tokens `z` (`[B, L, d]`).
    public func callAsFunction(_ z: Tensor) -> Tensor {
        let c = configuration
        let batch = z.shape[0]
        let masks = maskToken.reshaped([1, 1, c.width]) + positions.reshaped([1, c.patches, c.width])
            .broadcast(to: [batch, c.patches, c.width])
        let hidden = blocks.reduce(Tensor.concatenate([masks, latentEmbedding(z)], axis: 1)) { $1($0, rotary: rotary) }
        let patchStates = norm(hidden.slice(axis: 1, 0..<c.patches))
        return ImagePatches.unpatchify(pixels(patchStates), patchSize: c.patchSize, height: c.imageSize, width: c.imageSize)
    }
}
