import FlowNN
import FlowTensor

/// The parameters of a patch convolution (`nn.Conv2d(channels, width, kernel_size: p, stride: p)`):
/// `weight` `[width, channels, p, p]` and `bias` `[width]`, initialised as PyTorch initialises a convolution.
public final class PatchProjection: Module {
    /// The `[width, channels, p, p]` kernel.
    public let weight: Tensor
    /// The `[width]` bias.
    public let bias: Tensor

    /// A projection of `patchSize × patchSize × channels` patches to `width` features.
    public init(patchSize: Int, channels: Int, width: Int, dtype: DType = .float32, generator: inout RandomGenerator) {
        let fanIn = channels * patchSize * patchSize
        let bound = 1 / Double(fanIn).squareRoot()
        let kernel = generator.uniformTensor([width, channels, patchSize, patchSize], lower: -bound, upper: bound,
                                             dtype: dtype)
        let offsets = generator.uniformTensor([width], lower: -bound, upper: bound, dtype: dtype)
        kernel.requiresGrad = true
        offsets.requiresGrad = true
        weight = kernel
        bias = offsets
    }

    /// The side of the patches.
    public var patchSize: Int { weight.shape[2] }
    /// The number of input channels.
    public var channels: Int { weight.shape[1] }
    /// The number of output features.
    public var width: Int { weight.shape[0] }
}
