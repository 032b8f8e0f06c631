import FlowTensor

/// Layer normalisation over the last dimension, as PyTorch's `nn.LayerNorm` (`weight`, `bias`).
///
/// Without the affine transform (`affine: false`, as DiT's adaLN blocks use) it has no parameters.
public final class LayerNorm: Module, UnaryLayer {
    /// The `[width]` scale, or nil without the affine transform.
    public let weight: Tensor?
    /// The `[width]` shift, or nil without the affine transform.
    public let bias: Tensor?
    /// The constant added to the variance.
    public let epsilon: Double
    /// The normalised width.
    public let width: Int

    /// A layer normalising `width` features; weight starts at 1 and bias at 0.
    public init(_ width: Int, epsilon: Double = 1e-5, affine: Bool = true, dtype: DType = .float32) {
        self.width = width
        self.epsilon = epsilon
        weight = affine ? Parameter.constant([width], 1, dtype: dtype) : nil
        bias = affine ? Parameter.constant([width], 0, dtype: dtype) : nil
    }

    /// Normalises `x` of shape `[..., width]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == width, "LayerNorm expects [..., \(width)], got \(x.shape)")
        return x.layerNorm(weight: weight, bias: bias, epsilon: epsilon)
    }
}
