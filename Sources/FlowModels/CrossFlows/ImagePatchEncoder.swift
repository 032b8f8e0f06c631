import FlowNN
import FlowTensor

/// The caption flow's own encoder of the current image state: patch tokens with fixed 2-D sin-cos positions, `depth`
/// pre-norm ViT blocks, then a linear map, `z = proj(blocks(x_embedder(I_t) + pos_embed))`.
///
/// It stands in for the paper's frozen image encoder (DINOv2 features of `I_t`, §3.3) at toy scale, trained with the
/// caption flow. With depth 0 it is linear in the pixels, so a caption token's cross-attention must find the object's
/// patch with keys linear in its colour. Parameters: `x_embedder.proj.*` (a `PatchEmbedding`), `pos_embed` (fixed),
/// `blocks.N.*` (timm's `Block`), `proj.*`.
///
/// ```swift
/// let encoder = ImagePatchEncoder(imageSize: 8, patchSize: 2, channels: 3, width: 64, generator: &generator)
/// let z = encoder(images)   // [B, 8, 8, 3] → [B, 16, 64]
/// ```
public final class ImagePatchEncoder: Module {
    /// Patch embedding of channel-last images (checkpoint key `x_embedder`).
    public let patchEmbedding: PatchEmbedding
    /// The fixed `[1, N, width]` sin-cos positions (checkpoint key `pos_embed`; not trained).
    public let positions: Tensor
    /// The ViT blocks over the positioned patch tokens (none by default).
    public let blocks: [TransformerBlock]
    /// The linear map of the encoded patch tokens (checkpoint key `proj`).
    public let projection: Linear

    override public class var checkpointKeys: [String: String] {
        ["patchEmbedding": "x_embedder", "positions": "pos_embed", "projection": "proj"]
    }

    /// An encoder of `imageSize`-sided images of `channels` channels into `width`-wide tokens, one per patch.
    /// An encoder of `imageSize`-pixel images in `patchSize` patches to `width` features, with `depth` ViT blocks of
    /// `heads` heads.
    public init(imageSize: Int, patchSize: Int, channels: Int, width: Int, depth: Int = 0, heads: Int = 1,
                mlpRatio: Double = 4, dtype: DType = .float32, generator: inout RandomGenerator) {
        let side = imageSize / patchSize
        patchEmbedding = PatchEmbedding(patchSize: patchSize, channels: channels, width: width, layout: .channelsLast,
                                        dtype: dtype, generator: &generator)
        positions = SinCosPositionEmbedding.table(width: width, side: side, dtype: dtype).reshaped([1, side * side, width]).copy()
        projection = Linear(width, width, dtype: dtype, generator: &generator)
        blocks = (0..<depth).map { _ in
            TransformerBlock(width: width, heads: heads, mlpRatio: mlpRatio, epsilon: 1e-6, dtype: dtype, generator: &generator)
        }
    }

    /// Tokens `[B, N, width]` of channel-last images `[B, H, W, C]`.
    public func callAsFunction(_ images: Tensor) -> Tensor {
        projection(blocks.reduce(patchEmbedding(images) + positions) { $1($0) })
    }
}
