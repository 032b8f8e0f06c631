/// NumPy broadcasting rules for shapes.
enum Broadcasting {
    /// The shape two operands broadcast to; traps with both shapes when they are incompatible.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        let paddedA = Array(repeating: 1, count: rank - a.count) + a
        let paddedB = Array(repeating: 1, count: rank - b.count) + b
        return (0..<rank).map { axis in
            let (x, y) = (paddedA[axis], paddedB[axis])
            precondition(x == y || x == 1 || y == 1, "shapes \(a) and \(b) do not broadcast")
            return x == 1 ? y : x
        }
    }

    /// Row-major strides of `shape` aligned to `target`'s rank, with 0 where a dimension is broadcast.
    static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        let padded = Array(repeating: 1, count: target.count - shape.count) + shape
        var strides = Array(repeating: 0, count: target.count)
        var step = 1
        for axis in Swift.stride(from: target.count - 1, through: 0, by: -1) {
            strides[axis] = padded[axis] == 1 && target[axis] != 1 ? 0 : step
            step *= padded[axis]
        }
        return strides
    }

    /// Contiguous row-major strides.
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        var step = 1
        for axis in Swift.stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }
}

extension Tensor {
    /// Sums a broadcast gradient back down to `shape` (the reverse of broadcasting).
    func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        var result = self
        let extra = rank - target.count
        if extra > 0 { result = result.sum(axes: Array(0..<extra)) }
        let axes = target.indices.filter { target[$0] == 1 && result.shape[$0] != 1 }
        if !axes.isEmpty { result = result.sum(axes: axes, keepDims: true) }
        return result.reshaped(target)
    }
}
