import FlowNN
import FlowTensor

/// Images to patch tokens, as timm's `PatchEmbed` in DiT (`x_embedder.proj` is a `p × p` convolution of stride p).
///
/// The convolution is a linear map of each flattened patch: the weight keeps the checkpoint layout
/// `[width, channels, p, p]` (so a DiT state dict loads as is), the patches are flattened in the same
/// `(channel, row, column)` order and one gemm projects them all.
///
/// ```swift
/// let embed = PatchEmbedding(patchSize: 2, channels: 3, width: 64, generator: &generator)
/// let tokens = embed(images)   // images [B, 32, 32, 3] → tokens [B, 256, 64], row-major over the patch grid
/// ```
public final class PatchEmbedding: Module {
    /// The patch projection (checkpoint key `proj`).
    public let projection: PatchProjection

    override public class var checkpointKeys: [String: String] { ["projection": "proj"] }

    /// An embedding of `patchSize × patchSize` patches of `channels` channels into `width` features.
    public init(patchSize: Int, channels: Int, width: Int, dtype: DType = .float32, generator: inout RandomGenerator) {
        projection = PatchProjection(patchSize: patchSize, channels: channels, width: width, dtype: dtype,
                                     generator: &generator)
    }

    /// Tokens `[B, (H/p)·(W/p), width]` of channel-last images `[B, H, W, channels]`.
    public func callAsFunction(_ images: Tensor) -> Tensor {
        let (weight, patch) = (projection.weight, projection.patchSize)
        let patches = ImagePatches.patchify(images, patchSize: patch)
        return Tensor.linear(patches, weight: weight.reshaped([weight.shape[0], weight.shape[1] * patch * patch]),
                             bias: projection.bias)
    }
}
