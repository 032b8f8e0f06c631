import FlowNN
import FlowTensor

/// Images to patch tokens, as timm's `PatchEmbed` (`patch_embed.proj` in a ViT, `x_embedder.proj` in DiT): a `p × p`
/// convolution of stride p.
///
/// The convolution is a linear map of each flattened patch: the weight keeps the checkpoint layout
/// `[width, channels, p, p]` (so a state dict loads as is), the patches are flattened in the same
/// `(channel, row, column)` order and one gemm projects them all. Tokens are row-major over the patch grid.
///
/// ```swift
/// let embed = PatchEmbedding(patchSize: 2, channels: 3, width: 64, layout: .channelsLast, generator: &generator)
/// let tokens = embed(images)   // images [B, 32, 32, 3] → tokens [B, 256, 64]
/// ```
public final class PatchEmbedding: Module {
    /// The patch projection (checkpoint key `proj`).
    public let projection: PatchProjection
    /// Where the channels of the input images are.
    public let layout: ImageLayout

    override public class var checkpointKeys: [String: String] { ["projection": "proj"] }

    /// An embedding of `patchSize × patchSize` patches of `channels` channels into `width` features.
    public init(patchSize: Int, channels: Int, width: Int, layout: ImageLayout, dtype: DType = .float32,
                generator: inout RandomGenerator) {
        projection = PatchProjection(patchSize: patchSize, channels: channels, width: width, dtype: dtype,
                                     generator: &generator)
        self.layout = layout
    }

    /// Tokens `[B, (H/p)·(W/p), width]` of images in ``layout`` (H and W multiples of the patch size).
    public func callAsFunction(_ images: Tensor) -> Tensor {
        let (weight, patch) = (projection.weight, projection.patchSize)
        let patches: Tensor
        switch layout {
        case .channelsLast:
            patches = ImagePatches.patchify(images, patchSize: patch)
        case .channelsFirst:
            let (batch, channels, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
            precondition(images.rank == 4 && channels == projection.channels && height % patch == 0 && width % patch == 0,
                         "PatchEmbedding expects [B, \(projection.channels), H, W] with H, W multiples of \(patch), got \(images.shape)")
            patches = images.reshaped([batch, channels, height / patch, patch, width / patch, patch])
                .permuted([0, 2, 4, 1, 3, 5])
                .reshaped([batch, (height / patch) * (width / patch), channels * patch * patch])
        }
        return Tensor.linear(patches, weight: weight.reshaped([weight.shape[0], weight.shape[1] * patch * patch]),
                             bias: projection.bias)
    }
}
