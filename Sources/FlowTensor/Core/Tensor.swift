import Foundation

/// An n-dimensional array of floats, row-major and contiguous, that records the operations made on it
/// so gradients can flow back (reverse-mode autodiff on a dynamic tape, as in PyTorch's eager mode).
///
/// Ownership: a tensor is an immutable value held by reference. Every operation returns a new tensor;
/// the only in-place writes are made by optimizers on leaf parameters, outside the graph
/// (`withUnsafeMutableBuffer`). Reshapes share storage.
///
/// ```swift
/// let x = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4] as [Float], requiresGrad: true)
/// let loss = (x * x).sum()
/// loss.backward()
/// x.grad!.floats   // [2, 4, 6, 8]
/// ```
public final class Tensor: @unchecked Sendable {
    /// The extent of each dimension; `[]` for a scalar.
    public let shape: [Int]
    /// The element type.
    public let dtype: DType
    let storage: TensorStorage
    /// Whether gradients are accumulated into `grad` for this tensor (set on parameters).
    public var requiresGrad: Bool
    /// The accumulated gradient after `backward()`, for tensors that require it.
    public var grad: Tensor?
    /// How this tensor was computed, when it is part of a graph that needs gradients.
    var gradientNode: GradientNode?

    init(shape: [Int], dtype: DType, storage: TensorStorage, requiresGrad: Bool = false) {
        self.shape = shape
        self.dtype = dtype
        self.storage = storage
        self.requiresGrad = requiresGrad
    }

    /// A tensor of the given shape holding `scalars` (row-major); the type of the scalars sets the dtype.
    public convenience init<S: TensorScalar>(shape: [Int], scalars: [S], requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        let storage = TensorStorage(byteCount: scalars.count * S.dtype.byteCount, zeroed: false)
        scalars.withUnsafeBytes { storage.pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        self.init(shape: shape, dtype: S.dtype, storage: storage, requiresGrad: requiresGrad)
    }

    /// A rank-0 tensor holding one value.
    public convenience init(_ value: Double, dtype: DType = .float32) {
        switch dtype {
        case .float32: self.init(shape: [], scalars: [Float(value)])
        case .float64: self.init(shape: [], scalars: [value])
        }
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], dtype: DType = .float32, requiresGrad: Bool = false) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, dtype: dtype,
                      storage: TensorStorage(byteCount: count * dtype.byteCount, zeroed: true),
                      requiresGrad: requiresGrad)
    }

    /// A tensor filled with `value`.
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float32) -> Tensor {
        let result = uninitialized(shape, dtype: dtype)
        switch dtype {
        case .float32: result.mutableBuffer(Float.self).update(repeating: Float(value))
        case .float64: result.mutableBuffer(Double.self).update(repeating: value)
        }
        return result
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor { full(shape, 1, dtype: dtype) }

    /// `[0, 1, ..., count - 1]` as a 1-D tensor.
    public static func arange(_ count: Int, dtype: DType = .float32) -> Tensor {
        switch dtype {
        case .float32: return Tensor(shape: [count], scalars: (0..<count).map { Float($0) })
        case .float64: return Tensor(shape: [count], scalars: (0..<count).map { Double($0) })
        }
    }

    /// Storage for a result the caller fills completely.
    static func uninitialized(_ shape: [Int], dtype: DType) -> Tensor {
        Tensor(shape: shape, dtype: dtype,
               storage: TensorStorage(byteCount: shape.reduce(1, *) * dtype.byteCount, zeroed: false))
    }

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }
    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The elements as `Float`s (converted when stored as `float64`).
    public var floats: [Float] {
        switch dtype {
        case .float32: return Array(buffer(Float.self))
        case .float64: return buffer(Double.self).map { Float($0) }
        }
    }

    /// The elements as `Double`s (converted when stored as `float32`).
    public var doubles: [Double] {
        switch dtype {
        case .float32: return buffer(Float.self).map { Double($0) }
        case .float64: return Array(buffer(Double.self))
        }
    }

    /// The single value of a one-element tensor.
    public var item: Double {
        precondition(count == 1, "item needs a one-element tensor, shape is \(shape)")
        return doubles[0]
    }

    /// A read-only view of the elements; `S` must match `dtype`.
    public func buffer<S: TensorScalar>(_ type: S.Type) -> UnsafeBufferPointer<S> {
        precondition(S.dtype == dtype, "tensor is \(dtype), asked for \(S.dtype)")
        return UnsafeBufferPointer(start: storage.pointer.assumingMemoryBound(to: S.self), count: count)
    }

    func mutableBuffer<S: TensorScalar>(_ type: S.Type) -> UnsafeMutableBufferPointer<S> {
        precondition(S.dtype == dtype, "tensor is \(dtype), asked for \(S.dtype)")
        return UnsafeMutableBufferPointer(start: storage.pointer.assumingMemoryBound(to: S.self), count: count)
    }

    /// Writes into the elements in place: for optimizers updating leaf parameters, never inside a graph.
    public func withUnsafeMutableBuffer<S: TensorScalar, R>(
        _ type: S.Type, _ body: (UnsafeMutableBufferPointer<S>) throws -> R
    ) rethrows -> R {
        precondition(gradientNode == nil, "in-place writes are only allowed on leaf tensors")
        return try body(mutableBuffer(S.self))
    }

    /// Copies the elements of `other` (same shape and dtype) into this leaf tensor, in place.
    public func assign(_ other: Tensor) {
        precondition(other.shape == shape && other.dtype == dtype,
                     "assign: \(other.shape) \(other.dtype) into \(shape) \(dtype)")
        precondition(gradientNode == nil, "in-place writes are only allowed on leaf tensors")
        storage.pointer.copyMemory(from: other.storage.pointer, byteCount: count * dtype.byteCount)
    }

    /// A new leaf tensor with the same values, outside any graph.
    public func detached() -> Tensor {
        Tensor(shape: shape, dtype: dtype, storage: storage)
    }

    /// A deep copy with its own storage, outside any graph.
    public func copy() -> Tensor {
        let result = Tensor.uninitialized(shape, dtype: dtype)
        result.storage.pointer.copyMemory(from: storage.pointer, byteCount: count * dtype.byteCount)
        return result
    }

    /// The tensor converted to another element type.
    public func converted(to target: DType) -> Tensor {
        if target == dtype { return self }
        let result: Tensor
        switch target {
        case .float32: result = Tensor(shape: shape, scalars: floats)
        case .float64: result = Tensor(shape: shape, scalars: doubles)
        }
        return record(result, inputs: [self]) { gradient in [gradient.converted(to: self.dtype)] }
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = doubles.prefix(8).map { String(format: "%.4g", $0) }.joined(separator: ", ")
        return "Tensor(\(dtype), shape: \(shape), [\(preview)\(count > 8 ? ", ..." : "")])"
    }
}
