import RealModule

/// Views `shape` around `axis` as `[outer, length, inner]`.
func reductionLayout(_ shape: [Int], axis: Int) -> (outer: Int, length: Int, inner: Int) {
    (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
}

/// Reduces one axis of a `[outer, length, inner]` view with `combine`, starting from `initial`.
///
/// Work is split over `outer` when it is large, otherwise over `inner` (a reduction over leading axes).
func reduceAxis<S: TensorScalar>(_ x: Tensor, axis: Int, _ type: S.Type, initial: S,
                                 _ combine: @Sendable (S, S) -> S) -> Tensor {
    let (outer, length, inner) = reductionLayout(x.shape, axis: axis)
    var shape = x.shape
    shape[axis] = 1
    let result = Tensor.uninitialized(shape, dtype: x.dtype)
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    @Sendable @inline(__always) func reduce(outerRange: Range<Int>, innerRange: Range<Int>) {
        for o in outerRange {
            let out = target.base + o * inner
            for i in innerRange { out[i] = initial }
            for l in 0..<length {
                let row = source.base + (o * length + l) * inner
                for i in innerRange { out[i] = combine(out[i], row[i]) }
            }
        }
    }
    if outer >= ComputeThreads.count || inner < 1_024 {
        parallelFor(outer, minimumChunk: Swift.max(1, 16_384 / Swift.max(1, length * inner))) { range in
            reduce(outerRange: range, innerRange: 0..<inner)
        }
    } else {
        parallelFor(inner, minimumChunk: Swift.max(256, 16_384 / Swift.max(1, length))) { range in
            reduce(outerRange: 0..<outer, innerRange: range)
        }
    }
    return result
}

extension Tensor {
    func normalizedAxes(_ axes: [Int]) -> [Int] {
        let normalized = axes.map { $0 < 0 ? $0 + rank : $0 }
        precondition(normalized.allSatisfy { (0..<rank).contains($0) }, "axes \(axes) out of range for rank \(rank)")
        return Array(Set(normalized)).sorted()
    }

    /// Sum over `axes` (all axes when nil); reduced axes are kept as size 1 when `keepDims`.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let reduced = normalizedAxes(axes ?? Array(0..<rank))
        // Runs of adjacent reduced axes are merged so each run is one pass over memory.
        var mergedShape: [Int] = [], mergedAxes: [Int] = []
        for axis in 0..<rank {
            if reduced.contains(axis), axis > 0, reduced.contains(axis - 1) {
                mergedShape[mergedShape.count - 1] *= shape[axis]
            } else {
                if reduced.contains(axis) { mergedAxes.append(mergedShape.count) }
                mergedShape.append(shape[axis])
            }
        }
        var result = Tensor(shape: mergedShape, dtype: dtype, storage: storage)
        for axis in mergedAxes {
            switch dtype {
            case .float32: result = reduceAxis(result, axis: axis, Float.self, initial: 0) { $0 + $1 }
            case .float64: result = reduceAxis(result, axis: axis, Double.self, initial: 0) { $0 + $1 }
            }
        }
        let keptShape = shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
        let finalShape = keepDims ? keptShape : keptShape.enumerated().filter { !reduced.contains($0.offset) }.map(\.element)
        result = result.detached().reshaped(finalShape)
        let inputShape = shape
        return record(result, inputs: [self]) { gradient in
            [gradient.reshaped(keptShape).broadcast(to: inputShape)]
        }
    }

    /// Mean over `axes` (all axes when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let reduced = normalizedAxes(axes ?? Array(0..<rank))
        let count = reduced.reduce(1) { $0 * shape[$1] }
        return sum(axes: reduced, keepDims: keepDims) / Double(Swift.max(count, 1))
    }

    /// Maximum along one axis; the gradient goes to the maximal entries (split evenly on ties).
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        let axis = normalizedAxes([axis])[0]
        let kept: Tensor
        switch dtype {
        case .float32: kept = reduceAxis(self, axis: axis, Float.self, initial: -.infinity) { Swift.max($0, $1) }
        case .float64: kept = reduceAxis(self, axis: axis, Double.self, initial: -.infinity) { Swift.max($0, $1) }
        }
        let keptShape = kept.shape
        var finalShape = shape
        finalShape.remove(at: axis)
        let result = keepDims ? kept : kept.reshaped(finalShape)
        return record(result, inputs: [self]) { gradient in
            let mask = self.equal(kept)
            let ties = mask.sum(axes: [axis], keepDims: true)
            return [mask * (gradient.reshaped(keptShape) / ties)]
        }
    }

    /// log Σ exp along one axis, computed stably.
    public func logSumExp(axis: Int, keepDims: Bool = false) -> Tensor {
        let axis = normalizedAxes([axis])[0]
        let shift = max(axis: axis, keepDims: true).detached()
        let result = (self - shift).exp().sum(axes: [axis], keepDims: true).log() + shift
        if keepDims { return result }
        var finalShape = shape
        finalShape.remove(at: axis)
        return result.reshaped(finalShape)
    }

    /// Repeats this tensor along broadcast dimensions to `target` (the gradient sums back).
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        let zero = Tensor.zeros(target, dtype: dtype)
        return self + zero
    }

    /// The square root of the sum of squares of all elements.
    public func norm() -> Tensor { squared().sum().sqrt() }
}
