import FlowNN
import FlowTensor

/// timm's `PatchEmbed`: images to patch tokens through the projection it names `proj` (`patch_embed.proj.weight`).
public final class PatchEmbedding: Module {
    /// The patch projection (checkpoint key `proj`).
    public let projection: PatchProjection

    override public class var checkpointKeys: [String: String] { ["projection": "proj"] }

    /// A patch embedding of `channels`-channel patches of `patchSize` pixels into `width` features.
    public init(channels: Int, patchSize: Int, width: Int, generator: inout RandomGenerator) {
        projection = PatchProjection(channels: channels, patchSize: patchSize, width: width, generator: &generator)
    }

    /// `[B, patches, width]` from images `[B, channels, H, W]`.
    public func callAsFunction(_ images: Tensor) -> Tensor { projection(images) }
}
