import FlowNN
import FlowTensor

/// Non-overlapping patches projected to tokens: the strided convolution of timm's `PatchEmbed.proj` (weight
/// `[width, channels, patch, patch]`), computed as one matrix product over flattened patches.
public final class PatchProjection: Module {
    /// The `[width, channels, patch, patch]` kernel.
    public let weight: Tensor
    /// The `[width]` bias.
    public let bias: Tensor
    /// Patch side length in pixels.
    public let patchSize: Int

    /// A projection of `channels`-channel patches of `patchSize` pixels to `width` features (PyTorch's conv init).
    public init(channels: Int, patchSize: Int, width: Int, generator: inout RandomGenerator) {
        let fanIn = channels * patchSize * patchSize
        let bound = 1 / Double(fanIn).squareRoot()
        let weight = generator.uniformTensor([width, channels, patchSize, patchSize], lower: -bound, upper: bound)
        let bias = generator.uniformTensor([width], lower: -bound, upper: bound)
        weight.requiresGrad = true
        bias.requiresGrad = true
        self.weight = weight
        self.bias = bias
        self.patchSize = patchSize
    }

    /// `[B, patches, width]` from images `[B, channels, H, W]` (H and W multiples of the patch size), patches row-major.
    public func callAsFunction(_ images: Tensor) -> Tensor {
        let (batch, channels, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        let p = patchSize
        precondition(images.rank == 4 && channels == weight.shape[1] && height % p == 0 && width % p == 0,
                     "PatchProjection expects [B, \(weight.shape[1]), H, W] with H, W multiples of \(p), got \(images.shape)")
        let patches = images.reshaped([batch, channels, height / p, p, width / p, p])
            .permuted([0, 2, 4, 1, 3, 5])
            .reshaped([batch, (height / p) * (width / p), channels * p * p])
        return Tensor.linear(patches, weight: weight.reshaped([weight.shape[0], channels * p * p]), bias: bias)
    }
}
