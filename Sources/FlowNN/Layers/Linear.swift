import FlowTensor

/// An affine map `y = x Wᵀ + b` over the last dimension, stored as PyTorch's `nn.Linear` (`weight` is `[out, in]`).
///
/// Initialised as PyTorch does (Kaiming-uniform with a = √5): weight and bias drawn from `U(-1/√in, 1/√in)`.
///
/// ```swift
/// var generator = RandomGenerator(seed: 0)
/// let layer = Linear(4, 8, generator: &generator)
/// let y = layer(Tensor.ones([2, 4]))   // [2, 8]
/// ```
public final class Linear: Module, UnaryLayer {
    /// The `[outputWidth, inputWidth]` weight matrix.
    public let weight: Tensor
    /// The `[outputWidth]` bias, or nil for a layer without one.
    public let bias: Tensor?

    /// A layer from `inputWidth` to `outputWidth` features with PyTorch's default initialisation.
    public init(_ inputWidth: Int, _ outputWidth: Int, bias: Bool = true, dtype: DType = .float32,
                generator: inout RandomGenerator) {
        let bound = 1 / Double(inputWidth).squareRoot()
        weight = Parameter.uniform([outputWidth, inputWidth], bound: bound, dtype: dtype, generator: &generator)
        self.bias = bias ? Parameter.uniform([outputWidth], bound: bound, dtype: dtype, generator: &generator) : nil
    }

    /// A layer with the given weight (`[out, in]`) and optional bias (`[out]`), which become its parameters.
    public init(weight: Tensor, bias: Tensor?) {
        precondition(weight.rank == 2, "Linear weight must be [out, in], got \(weight.shape)")
        precondition(bias.map { $0.shape == [weight.shape[0]] } ?? true,
                     "Linear bias must be [\(weight.shape[0])], got \(bias!.shape)")
        self.weight = weight
        self.bias = bias
    }

    /// The number of input features.
    public var inputWidth: Int { weight.shape[1] }
    /// The number of output features.
    public var outputWidth: Int { weight.shape[0] }

    /// Applies the map to `x` of shape `[..., inputWidth]`, giving `[..., outputWidth]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == inputWidth, "Linear expects [..., \(inputWidth)], got \(x.shape)")
        return Tensor.linear(x, weight: weight, bias: bias)
    }
}
