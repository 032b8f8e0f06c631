import FlowTensor

/// Helpers that make leaf parameters, initialised as PyTorch does.
enum Parameter {
    /// A trainable tensor drawn uniformly from `[-bound, bound)`.
    static func uniform(_ shape: [Int], bound: Double, dtype: DType, generator: inout RandomGenerator) -> Tensor {
        trainable(generator.uniformTensor(shape, lower: -bound, upper: bound, dtype: dtype))
    }

    /// A trainable tensor of standard normal draws times `standardDeviation`.
    static func normal(_ shape: [Int], standardDeviation: Double = 1, dtype: DType,
                       generator: inout RandomGenerator) -> Tensor {
        let values = generator.normal(shape.reduce(1, *), standardDeviation: standardDeviation)
        return trainable(Tensor(shape: shape, scalars: values).converted(to: dtype))
    }

    /// A trainable tensor filled with `value`.
    static func constant(_ shape: [Int], _ value: Double, dtype: DType) -> Tensor {
        trainable(Tensor.full(shape, value, dtype: dtype))
    }

    /// Marks a fresh leaf tensor as a parameter.
    static func trainable(_ tensor: Tensor) -> Tensor {
        let leaf = tensor.detached()
        leaf.requiresGrad = true
        return leaf
    }
}
