extension Tensor {
    /// The same elements with another shape (one dimension may be -1); shares storage.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let inferred = target.firstIndex(of: -1) {
            let known = target.enumerated().filter { $0.offset != inferred }.reduce(1) { $0 * $1.element }
            target[inferred] = known == 0 ? 0 : count / known
        }
        precondition(target.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        if target == shape { return self }
        let result = Tensor(shape: target, dtype: dtype, storage: storage)
        let original = shape
        return record(result, inputs: [self]) { gradient in [gradient.reshaped(original)] }
    }

    /// Reorders dimensions: result dimension i is input dimension `order[i]`.
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "permutation \(order) does not fit rank \(rank)")
        if order == Array(0..<rank) { return self }
        let newShape = order.map { shape[$0] }
        let result = Tensor.uninitialized(newShape, dtype: dtype)
        switch dtype {
        case .float32: permuteKernel(self, into: result, order: order, Float.self)
        case .float64: permuteKernel(self, into: result, order: order, Double.self)
        }
        var inverse = Array(repeating: 0, count: rank)
        for (index, axis) in order.enumerated() { inverse[axis] = index }
        return record(result, inputs: [self]) { gradient in [gradient.permuted(inverse)] }
    }

    /// Swaps two dimensions.
    public func transposed(_ first: Int = -2, _ second: Int = -1) -> Tensor {
        let a = first < 0 ? first + rank : first, b = second < 0 ? second + rank : second
        var order = Array(0..<rank)
        order.swapAt(a, b)
        return permuted(order)
    }

    /// Elements `range` along `axis`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let axis = axis < 0 ? axis + rank : axis
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis], "slice \(range) out of 0..<\(shape[axis])")
        let (outer, length, inner) = reductionLayout(shape, axis: axis)
        var newShape = shape
        newShape[axis] = range.count
        let result = Tensor.uninitialized(newShape, dtype: dtype)
        let bytes = dtype.byteCount
        let rowBytes = range.count * inner * bytes
        for o in 0..<outer {
            let source = storage.pointer + ((o * length + range.lowerBound) * inner) * bytes
            (result.storage.pointer + o * rowBytes).copyMemory(from: source, byteCount: rowBytes)
        }
        let inputShape = shape
        return record(result, inputs: [self]) { gradient in
            [Tensor.padded(gradient, axis: axis, before: range.lowerBound, total: inputShape[axis])]
        }
    }

    /// Places `x` at offset `before` inside zeros that are `total` long along `axis`.
    static func padded(_ x: Tensor, axis: Int, before: Int, total: Int) -> Tensor {
        var parts: [Tensor] = []
        if before > 0 {
            var shape = x.shape; shape[axis] = before
            parts.append(.zeros(shape, dtype: x.dtype))
        }
        parts.append(x)
        let after = total - before - x.shape[axis]
        if after > 0 {
            var shape = x.shape; shape[axis] = after
            parts.append(.zeros(shape, dtype: x.dtype))
        }
        return parts.count == 1 ? x : concatenate(parts, axis: axis)
    }

    /// Joins tensors along `axis`; all other dimensions must agree.
    public static func concatenate(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concatenate needs at least one tensor")
        let first = tensors[0]
        let axis = axis < 0 ? axis + first.rank : axis
        for tensor in tensors {
            precondition(tensor.dtype == first.dtype && tensor.rank == first.rank
                         && tensor.shape.enumerated().allSatisfy { $0.offset == axis || $0.element == first.shape[$0.offset] },
                         "concatenate: shapes \(tensors.map(\.shape)) differ off axis \(axis)")
        }
        var newShape = first.shape
        newShape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
        let result = Tensor.uninitialized(newShape, dtype: first.dtype)
        let (outer, _, inner) = reductionLayout(newShape, axis: axis)
        let bytes = first.dtype.byteCount
        let outRow = newShape[axis] * inner * bytes
        var offset = 0
        for tensor in tensors {
            let rowBytes = tensor.shape[axis] * inner * bytes
            for o in 0..<outer {
                (result.storage.pointer + o * outRow + offset).copyMemory(
                    from: tensor.storage.pointer + o * rowBytes, byteCount: rowBytes)
            }
            offset += rowBytes
        }
        let lengths = tensors.map { $0.shape[axis] }
        return first.record(result, inputs: tensors) { gradient in
            gradient.split(lengths, axis: axis)
        }
    }

    /// Splits along `axis` into pieces of the given lengths.
    public func split(_ lengths: [Int], axis: Int) -> [Tensor] {
        let axis = axis < 0 ? axis + rank : axis
        precondition(lengths.reduce(0, +) == shape[axis], "split lengths \(lengths) do not sum to \(shape[axis])")
        var start = 0
        return lengths.map { length in
            defer { start += length }
            return slice(axis: axis, start..<(start + length))
        }
    }

    /// Adds a dimension of size 1 at `axis`.
    public func unsqueezed(_ axis: Int) -> Tensor {
        var newShape = shape
        newShape.insert(1, at: axis < 0 ? axis + rank + 1 : axis)
        return reshaped(newShape)
    }
}

private func permuteKernel<S: TensorScalar>(_ x: Tensor, into result: Tensor, order: [Int], _ type: S.Type) {
    let rank = x.rank
    let inputStrides = Broadcasting.contiguousStrides(x.shape)
    let strides = order.map { inputStrides[$0] }
    let shape = result.shape
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    let inner = shape[rank - 1], innerStride = strides[rank - 1]
    let rows = result.count / max(inner, 1)
    parallelFor(rows, minimumChunk: max(1, 16_384 / max(inner, 1))) { range in
        for row in range {
            var remainder = row, offset = 0
            for axis in stride(from: rank - 2, through: 0, by: -1) {
                offset += (remainder % shape[axis]) * strides[axis]
                remainder /= shape[axis]
            }
            let out = target.base + row * inner
            for column in 0..<inner { out[column] = source.base[offset + column * innerStride] }
        }
    }
}
