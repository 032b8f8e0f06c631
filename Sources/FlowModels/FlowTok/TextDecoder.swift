import FlowNN
import FlowTensor

/// FlowTok's text decoder: text latents `[B, L, d]` back to token logits `[B, L, vocabulary]`, for image to text
/// (the flow's final latents become a caption) and as the decoder half of the text autoencoder that trains it.
///
/// `Linear(d → width)` plus learned positions, `depth` pre-LN transformer blocks, a final layer norm and a linear
/// map to the vocabulary. Parameters: `latent_embed.*`, `pos_embed`, `blocks.N.*`, `norm.*`, `head.*`.
public final class TextDecoder: Module {
    /// The latent embedding `d → width` (checkpoint key `latent_embed`).
    public let latentEmbedding: Linear
    /// The learned positions `[1, L, width]` (checkpoint key `pos_embed`).
    public let positions: Tensor
    /// The blocks.
    public let blocks: [TransformerBlock]
    /// The final layer norm.
    public let norm: LayerNorm
    /// The map to token logits.
    public let head: Linear

    override public class var checkpointKeys: [String: String] { ["latentEmbedding": "latent_embed", "positions": "pos_embed"] }

    /// A decoder of `tokens` latents of `latentChannels` channels to logits over `vocabulary` ids.
    public init(tokens: Int, latentChannels: Int, width: Int, depth: Int, heads: Int, vocabulary: Int, dtype: DType = .float32,
                generator: inout RandomGenerator) throws {
        if heads < 1 || width % heads != 0 { throw FlowTokError(["decoder heads \(heads) must divide the decoder width \(width)"]) }
        latentEmbedding = Linear(latentChannels, width, dtype: dtype, generator: &generator)
        positions = FlowTokInitialization.learned(generator.normalTensor([1, tokens, width], dtype: dtype) * 0.02)
        blocks = (0..<depth).map { _ in TransformerBlock(width: width, heads: heads, dtype: dtype, generator: &generator) }
        norm = LayerNorm(width, dtype: dtype)
        head = Linear(width, vocabulary, dtype: dtype, generator: &generator)
    }

    /// The token logits `[B, L, vocabulary]` of latents `z` (`[B, L, d]`).
    public func callAsFunction(_ z: Tensor) -> Tensor {
        head(norm(blocks.reduce(latentEmbedding(z) + positions) { $1($0) }))
    }
}
