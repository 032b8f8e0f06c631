import FlowTensor

/// A 2-D convolution layer stored as PyTorch's `nn.Conv2d` (`weight` is `[out, in, kh, kw]`, dilation 1, groups 1).
///
/// ```swift
/// let layer = Conv2d(weight: filters, bias: nil, stride: [2, 2], padding: [1, 1])
/// let y = layer(images)   // [N, out, H', W']
/// ```
public final class Conv2d: Module, UnaryLayer {
    /// The `[out, in, kh, kw]` filters.
    public let weight: Tensor
    /// The `[out]` bias, or nil.
    public let bias: Tensor?
    /// `[height, width]` steps.
    public let stride: [Int]
    /// `[height, width]` zero padding on each side.
    public let padding: [Int]

    /// A layer with the given filters and bias, which become its parameters.
    public init(weight: Tensor, bias: Tensor?, stride: [Int] = [1, 1], padding: [Int] = [0, 0]) {
        precondition(weight.rank == 4, "Conv2d weight must be [out, in, kh, kw], got \(weight.shape)")
        precondition(bias.map { $0.shape == [weight.shape[0]] } ?? true,
                      "Conv2d bias must be [\(weight.shape[0])], got \(bias!.shape)")
        self.weight = weight
        self.bias = bias
        self.stride = stride
        self.padding = padding
    }

    /// The number of input channels.
    public var inputChannels: Int { weight.shape[1] }
    /// The number of output channels.
    public var outputChannels: Int { weight.shape[0] }

    /// Convolves `x` (`[N, in, H, W]`).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.convolution2D(x, weight: weight, bias: bias, stride: stride, padding: padding)
    }
}
