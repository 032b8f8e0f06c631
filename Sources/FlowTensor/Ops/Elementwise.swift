import RealModule

/// Applies `transform` to every element of `x` into a new tensor of the same shape (parallel when large).
func mapElements<S: TensorScalar, K: UnaryKernel>(_ x: Tensor, _ type: S.Type, _ kernel: K) -> Tensor {
    let result = Tensor.uninitialized(x.shape, dtype: x.dtype)
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    parallelFor(x.count) { range in
        for index in range { target.base[index] = kernel.apply(source.base[index]) }
    }
    return result
}

/// Combines two same-shaped tensors element by element.
func zipElements<S: TensorScalar, K: BinaryKernel>(_ a: Tensor, _ b: Tensor, _ type: S.Type, _ kernel: K) -> Tensor {
    let result = Tensor.uninitialized(a.shape, dtype: a.dtype)
    let left = SendablePointer(a.buffer(S.self).baseAddress!)
    let right = SendablePointer(b.buffer(S.self).baseAddress!)
    let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    parallelFor(a.count) { range in
        for index in range { target.base[index] = kernel.apply(left.base[index], right.base[index]) }
    }
    return result
}

/// Combines two tensors with NumPy broadcasting.
func broadcastElements<S: TensorScalar, K: BinaryKernel>(_ a: Tensor, _ b: Tensor, _ type: S.Type, _ kernel: K) -> Tensor {
    if a.shape == b.shape { return zipElements(a, b, S.self, kernel) }
    let shape = Broadcasting.shape(a.shape, b.shape)
    let result = Tensor.uninitialized(shape, dtype: a.dtype)
    let count = result.count
    if count == 0 { return result }
    let left = SendablePointer(a.buffer(S.self).baseAddress!)
    let right = SendablePointer(b.buffer(S.self).baseAddress!)
    let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    if b.count == 1 {
        let value = right.base[0]
        parallelFor(count) { range in for i in range { target.base[i] = kernel.apply(left.base[i], value) } }
        return result
    }
    if a.count == 1 {
        let value = left.base[0]
        parallelFor(count) { range in for i in range { target.base[i] = kernel.apply(value, right.base[i]) } }
        return result
    }
    let stridesA = Broadcasting.strides(of: a.shape, broadcastTo: shape)
    let stridesB = Broadcasting.strides(of: b.shape, broadcastTo: shape)
    let inner = shape.last!
    let innerStrideA = stridesA.last!, innerStrideB = stridesB.last!
    let rows = count / max(inner, 1)
    let outerShape = Array(shape.dropLast())
    parallelFor(rows, minimumChunk: max(1, 16_384 / max(inner, 1))) { range in
        for row in range {
            var remainder = row, offsetA = 0, offsetB = 0
            for axis in stride(from: outerShape.count - 1, through: 0, by: -1) {
                let index = remainder % outerShape[axis]
                remainder /= outerShape[axis]
                offsetA += index * stridesA[axis]
                offsetB += index * stridesB[axis]
            }
            let out = target.base + row * inner
            for column in 0..<inner {
                out[column] = kernel.apply(left.base[offsetA + column * innerStrideA], right.base[offsetB + column * innerStrideB])
            }
        }
    }
    return result
}

extension Tensor {
    /// Applies a unary function given for both element types, with its derivative `dy/dx` in terms of x and y.
    func unary<K: UnaryKernel>(_ kernel: K, derivative: @escaping (_ x: Tensor, _ y: Tensor) -> Tensor) -> Tensor {
        let result = map(kernel)
        // `unowned`: the result owns this closure (through its node), and a strong capture would be a cycle that
        // leaks every graph branch no backward pass reaches (see `record`).
        return record(result, inputs: [self]) { [unowned result] gradient in [gradient * derivative(self, result)] }
    }

    /// The kernel applied to every element, outside the graph.
    func map<K: UnaryKernel>(_ kernel: K) -> Tensor {
        switch dtype {
        case .float32: return mapElements(self, Float.self, kernel)
        case .float64: return mapElements(self, Double.self, kernel)
        }
    }

    func binary<K: BinaryKernel>(_ other: Tensor, _ kernel: K) -> Tensor {
        precondition(dtype == other.dtype, "mixed dtypes \(dtype) and \(other.dtype)")
        switch dtype {
        case .float32: return broadcastElements(self, other, Float.self, kernel)
        case .float64: return broadcastElements(self, other, Double.self, kernel)
        }
    }

    /// A scalar tensor of this tensor's dtype.
    func scalar(_ value: Double) -> Tensor { Tensor(value, dtype: dtype) }
}

// MARK: - Arithmetic

extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let result = a.binary(b, Kernels.Add())
        return a.record(result, inputs: [a, b]) { g in [g.summed(toShape: a.shape), g.summed(toShape: b.shape)] }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let result = a.binary(b, Kernels.Subtract())
        return a.record(result, inputs: [a, b]) { g in [g.summed(toShape: a.shape), (-g).summed(toShape: b.shape)] }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let result = a.binary(b, Kernels.Multiply())
        return a.record(result, inputs: [a, b]) { g in
            [a.needsGradient ? (g * b).summed(toShape: a.shape) : nil,
             b.needsGradient ? (g * a).summed(toShape: b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let result = a.binary(b, Kernels.Divide())
        return a.record(result, inputs: [a, b]) { [unowned result] g in
            [a.needsGradient ? (g / b).summed(toShape: a.shape) : nil,
             b.needsGradient ? (-(g * result) / b).summed(toShape: b.shape) : nil]
        }
    }

    public static prefix func - (x: Tensor) -> Tensor {
        x.unary(Kernels.Negate(), derivative: { x, _ in x.scalar(-1) })
    }

    public static func + (a: Tensor, b: Double) -> Tensor {
        a.unary(Kernels.AddScalar(value: b), derivative: { x, _ in x.scalar(1) })
    }
    public static func - (a: Tensor, b: Double) -> Tensor { a + (-b) }
    public static func * (a: Tensor, b: Double) -> Tensor {
        a.unary(Kernels.MultiplyScalar(value: b), derivative: { x, _ in x.scalar(b) })
    }
    public static func / (a: Tensor, b: Double) -> Tensor { a * (1 / b) }
    public static func + (a: Double, b: Tensor) -> Tensor { b + a }
    public static func - (a: Double, b: Tensor) -> Tensor { (-b) + a }
    public static func * (a: Double, b: Tensor) -> Tensor { b * a }
    public static func / (a: Double, b: Tensor) -> Tensor { b.reciprocal() * a }
}

// MARK: - Unary math

extension Tensor {
    /// e^x.
    public func exp() -> Tensor { unary(Kernels.Exp(), derivative: { _, y in y }) }
    /// Natural logarithm.
    public func log() -> Tensor { unary(Kernels.Log(), derivative: { x, _ in x.reciprocal() }) }
    /// Square root.
    public func sqrt() -> Tensor { unary(Kernels.SquareRoot(), derivative: { _, y in 0.5 / y }) }
    /// 1 / x.
    public func reciprocal() -> Tensor { unary(Kernels.Reciprocal(), derivative: { _, y in -(y * y) }) }
    /// x².
    public func squared() -> Tensor {
        record(map(Kernels.Square()), inputs: [self]) { gradient in [gradient.binary(self, Kernels.SquareBackward())] }
    }
    /// x^p for a constant exponent (`0^0 = 1`, and negative x with an integral p, as in C and torch).
    public func pow(_ p: Double) -> Tensor {
        unary(Kernels.Power(exponent: p), derivative: { x, _ in x.pow(p - 1) * p })
    }
    /// |x| (derivative sign(x), 0 at 0).
    public func abs() -> Tensor { unary(Kernels.Absolute(), derivative: { x, _ in x.sign() }) }
    /// -1, 0 or 1 (no gradient).
    public func sign() -> Tensor { map(Kernels.Sign()) }
    /// sin(x).
    public func sin() -> Tensor { unary(Kernels.Sine(), derivative: { x, _ in x.cos() }) }
    /// cos(x).
    public func cos() -> Tensor { unary(Kernels.Cosine(), derivative: { x, _ in -x.sin() }) }
    /// The arctangent, in (-pi/2, pi/2).
    public func atan() -> Tensor { unary(Kernels.Arctangent(), derivative: { x, _ in 1 / (1 + x * x) }) }
    /// tanh(x).
    public func tanh() -> Tensor { unary(Kernels.HyperbolicTangent(), derivative: { _, y in 1 - y * y }) }
    /// The logistic sigmoid 1 / (1 + e^-x).
    public func sigmoid() -> Tensor {
        unary(Kernels.Sigmoid(), derivative: { _, y in y * (1 - y) })
    }
    /// max(x, 0).
    public func relu() -> Tensor {
        unary(Kernels.Relu(), derivative: { x, _ in x.map(Kernels.Positive()) })
    }
    /// Clamps to [lower, upper] (gradient 1 inside, 0 outside).
    public func clamped(min lower: Double, max upper: Double) -> Tensor {
        unary(Kernels.Clamp(lower: lower, upper: upper),
              derivative: { x, _ in x.map(Kernels.InsideClosedRange(lower: lower, upper: upper)) })
    }
}
