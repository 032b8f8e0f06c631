import FlowTensor

/// A lookup table of `count` learned vectors, as PyTorch's `nn.Embedding` (`weight` is `[count, width]`, drawn from N(0, 1)).
public final class Embedding: Module {
    /// The `[count, width]` table.
    public let weight: Tensor

    /// A table of `count` vectors of `width` features.
    public init(count: Int, width: Int, dtype: DType = .float32, generator: inout RandomGenerator) {
        weight = Parameter.normal([count, width], dtype: dtype, generator: &generator)
    }

    /// The number of vectors.
    public var count: Int { weight.shape[0] }
    /// The width of each vector.
    public var width: Int { weight.shape[1] }

    /// The rows picked by `indices` (each in `0..<count`), shaped `shape + [width]` (`shape` defaults to `[indices.count]`).
    public func callAsFunction(_ indices: [Int], shape: [Int]? = nil) -> Tensor {
        Tensor.embedding(weight, indices: indices, indexShape: shape ?? [indices.count])
    }
}
