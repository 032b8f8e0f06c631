import RealModule

/// Views `shape` around `axis` as `[outer, length, inner]`.
func reductionLayout(_ shape: [Int], axis: Int) -> (outer: Int, length: Int, inner: Int) {
    (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
}

/// Reduces one axis of a `[outer, length, inner]` view with `combine`, starting from `initial`.
///
/// Work is split over `outer` when it is large, otherwise over `inner` (a reduction over leading axes).
/// `combine` is a kernel type, so each reduction is specialised and its inner loop vectorised.
func reduceAxis<S: TensorScalar, K: BinaryKernel>(_ x: Tensor, axis: Int, _ type: S.Type, initial: S,
                                                  _ combine: K) -> Tensor {
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
                for i in innerRange { out[i] = combine.apply(out[i], row[i]) }
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
            case .float32: result = reduceAxis(result, axis: axis, Float.self, initial: 0, Kernels.Add())
            case .float64: result = reduceAxis(result, axis: axis, Double.self, initial: 0, Kernels.Add())
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
        case .float32: kept = reduceAxis(self, axis: axis, Float.self, initial: -.infinity, Kernels.Maximum())
        case .float64: kept = reduceAxis(self, axis: axis, Double.self, initial: -.infinity, Kernels.Maximum())
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
        let result: Tensor
        switch dtype {
        case .float32: result = broadcastKernel(self, to: target, Float.self)
        case .float64: result = broadcastKernel(self, to: target, Double.self)
        }
        let inputShape = shape
        return record(result, inputs: [self]) { gradient in [gradient.summed(toShape: inputShape)] }
    }

    /// The square root of the sum of squares of all elements.
    public func norm() -> Tensor { squared().sum().sqrt() }
}

/// `x` repeated along its broadcast dimensions into a new tensor of shape `target`.
private func broadcastKernel<S: TensorScalar>(_ x: Tensor, to target: [Int], _ type: S.Type) -> Tensor {
    precondition(Broadcasting.shape(x.shape, target) == target, "cannot broadcast \(x.shape) to \(target)")
    let result = Tensor.uninitialized(target, dtype: x.dtype)
    let count = result.count
    if count == 0 { return result }
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let output = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    if x.count == 1 {
        let value = source.base[0]
        parallelFor(count) { range in (output.base + range.lowerBound).update(repeating: value, count: range.count) }
        return result
    }
    let strides = Broadcasting.strides(of: x.shape, broadcastTo: target)
    let inner = target.last!, innerStride = strides.last!
    let outerShape = Array(target.dropLast())
    parallelFor(count / inner, minimumChunk: Swift.max(1, 16_384 / inner)) { range in
        for row in range {
            var remainder = row, offset = 0
            for axis in stride(from: outerShape.count - 1, through: 0, by: -1) {
                offset += (remainder % outerShape[axis]) * strides[axis]
                remainder /= outerShape[axis]
            }
            let out = output.base + row * inner
            if innerStride == 0 {
                out.update(repeating: source.base[offset], count: inner)
            } else {
                out.update(from: source.base + offset, count: inner)
            }
        }
    }
    return result
}
