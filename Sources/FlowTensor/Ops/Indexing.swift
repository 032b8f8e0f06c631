extension Tensor {
    /// Rows of a `[V, D]` table picked by `indices` (each in `0..<V`), shaped `indexShape + [D]`.
    ///
    /// The gradient scatter-adds back into the table (repeated indices accumulate).
    public static func embedding(_ table: Tensor, indices: [Int], indexShape: [Int]) -> Tensor {
        precondition(table.rank == 2, "embedding table must be [V, D], got \(table.shape)")
        precondition(indexShape.reduce(1, *) == indices.count, "index shape \(indexShape) does not hold \(indices.count) indices")
        let (vocabulary, width) = (table.shape[0], table.shape[1])
        let result = Tensor.uninitialized(indexShape + [width], dtype: table.dtype)
        let bytes = width * table.dtype.byteCount
        for (row, index) in indices.enumerated() {
            precondition((0..<vocabulary).contains(index), "embedding index \(index) outside 0..<\(vocabulary)")
            (result.storage.pointer + row * bytes).copyMemory(from: table.storage.pointer + index * bytes, byteCount: bytes)
        }
        return table.record(result, inputs: [table]) { gradient in
            [Tensor.scatterAddRows(gradient.reshaped([indices.count, width]), indices: indices, rows: vocabulary)]
        }
    }

    /// A `[rows, D]` tensor of zeros with row `indices[i]` incremented by `values[i]`.
    public static func scatterAddRows(_ values: Tensor, indices: [Int], rows: Int) -> Tensor {
        precondition(values.rank == 2 && values.shape[0] == indices.count, "scatterAddRows: values \(values.shape) for \(indices.count) indices")
        let width = values.shape[1]
        let result = Tensor.zeros([rows, width], dtype: values.dtype)
        switch values.dtype {
        case .float32: scatterKernel(values, result, indices, width, Float.self)
        case .float64: scatterKernel(values, result, indices, width, Double.self)
        }
        return values.record(result, inputs: [values]) { gradient in
            [Tensor.embedding(gradient, indices: indices, indexShape: [indices.count])]
        }
    }

    /// Picks one entry per row along the last dimension: `result[r] = self[r, indices[r]]`, shape `shape.dropLast()`.
    public func gather(lastAxis indices: [Int]) -> Tensor {
        let width = shape.last!
        let rows = count / width
        precondition(indices.count == rows, "gather: \(indices.count) indices for \(rows) rows")
        let flat = reshaped([rows, width])
        let result: Tensor
        switch dtype {
        case .float32: result = gatherKernel(flat, indices, Float.self)
        case .float64: result = gatherKernel(flat, indices, Double.self)
        }
        let shaped = result.reshaped(Array(shape.dropLast()))
        let inputShape = shape
        return record(shaped, inputs: [self]) { gradient in
            [Tensor.oneHotScatter(gradient.reshaped([rows]), indices: indices, width: width).reshaped(inputShape)]
        }
    }

    /// `[rows, width]` zeros with `values[r]` placed at column `indices[r]` of row r.
    static func oneHotScatter(_ values: Tensor, indices: [Int], width: Int) -> Tensor {
        let rows = indices.count
        let result = Tensor.zeros([rows, width], dtype: values.dtype)
        switch values.dtype {
        case .float32:
            let (v, r) = (values.buffer(Float.self), result.mutableBuffer(Float.self))
            for row in 0..<rows { r[row * width + indices[row]] = v[row] }
        case .float64:
            let (v, r) = (values.buffer(Double.self), result.mutableBuffer(Double.self))
            for row in 0..<rows { r[row * width + indices[row]] = v[row] }
        }
        return result
    }

    /// One-hot rows `[indices.count, width]`.
    public static func oneHot(_ indices: [Int], width: Int, dtype: DType = .float32) -> Tensor {
        oneHotScatter(Tensor.ones([indices.count], dtype: dtype), indices: indices, width: width)
    }
}

private func scatterKernel<S: TensorScalar>(_ values: Tensor, _ result: Tensor, _ indices: [Int], _ width: Int, _ type: S.Type) {
    let source = values.buffer(S.self), target = result.mutableBuffer(S.self)
    let rows = result.shape[0]
    for (row, index) in indices.enumerated() {
        precondition((0..<rows).contains(index), "scatter index \(index) outside 0..<\(rows)")
        for j in 0..<width { target[index * width + j] += source[row * width + j] }
    }
}

private func gatherKernel<S: TensorScalar>(_ x: Tensor, _ indices: [Int], _ type: S.Type) -> Tensor {
    let width = x.shape[1]
    let source = x.buffer(S.self)
    let values = indices.enumerated().map { row, index -> S in
        precondition((0..<width).contains(index), "gather index \(index) outside 0..<\(width)")
        return source[row * width + index]
    }
    return Tensor(shape: [indices.count], scalars: values)
}
