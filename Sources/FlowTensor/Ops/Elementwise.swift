import RealModule

/// Applies `transform` to every element of `x` into a new tensor of the same shape (parallel when large).
@inline(__always)
func mapElements<S: TensorScalar>(_ x: Tensor, _ type: S.Type, _ transform: @Sendable (S) -> S) -> Tensor {
    let result = Tensor.uninitialized(x.shape, dtype: x.dtype)
    let source = SendablePointer(x.buffer(S.self).baseAddress!)
    let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    parallelFor(x.count) { range in
        for index in range { target.base[index] = transform(source.base[index]) }
    }
    return result
}

/// Combines two same-shaped tensors element by element.
@inline(__always)
func zipElements<S: TensorScalar>(_ a: Tensor, _ b: Tensor, _ type: S.Type, _ combine: @Sendable (S, S) -> S) -> Tensor {
    let result = Tensor.uninitialized(a.shape, dtype: a.dtype)
    let left = SendablePointer(a.buffer(S.self).baseAddress!)
    let right = SendablePointer(b.buffer(S.self).baseAddress!)
    let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    parallelFor(a.count) { range in
        for index in range { target.base[index] = combine(left.base[index], right.base[index]) }
    }
    return result
}

/// Combines two tensors with NumPy broadcasting.
func broadcastElements<S: TensorScalar>(_ a: Tensor, _ b: Tensor, _ type: S.Type,
                                        _ combine: @Sendable (S, S) -> S) -> Tensor {
    if a.shape == b.shape { return zipElements(a, b, S.self, combine) }
    let shape = Broadcasting.shape(a.shape, b.shape)
    let result = Tensor.uninitialized(shape, dtype: a.dtype)
    let count = result.count
    if count == 0 { return result }
    let left = SendablePointer(a.buffer(S.self).baseAddress!)
    let right = SendablePointer(b.buffer(S.self).baseAddress!)
    let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
    if b.count == 1 {
        let value = right.base[0]
        parallelFor(count) { range in for i in range { target.base[i] = combine(left.base[i], value) } }
        return result
    }
    if a.count == 1 {
        let value = left.base[0]
        parallelFor(count) { range in for i in range { target.base[i] = combine(value, right.base[i]) } }
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
                out[column] = combine(left.base[offsetA + column * innerStrideA], right.base[offsetB + column * innerStrideB])
            }
        }
    }
    return result
}

extension Tensor {
    /// Applies a unary function given for both element types, with its derivative `dy/dx` in terms of x and y.
    func unary(
        _ f32: @escaping @Sendable (Float) -> Float, _ f64: @escaping @Sendable (Double) -> Double,
        derivative: @escaping (_ x: Tensor, _ y: Tensor) -> Tensor
    ) -> Tensor {
        let result: Tensor
        switch dtype {
        case .float32: result = mapElements(self, Float.self, f32)
        case .float64: result = mapElements(self, Double.self, f64)
        }
        return record(result, inputs: [self]) { gradient in [gradient * derivative(self, result)] }
    }

    func binary(
        _ other: Tensor, _ f32: @escaping @Sendable (Float, Float) -> Float,
        _ f64: @escaping @Sendable (Double, Double) -> Double
    ) -> Tensor {
        precondition(dtype == other.dtype, "mixed dtypes \(dtype) and \(other.dtype)")
        switch dtype {
        case .float32: return broadcastElements(self, other, Float.self, f32)
        case .float64: return broadcastElements(self, other, Double.self, f64)
        }
    }

    /// A scalar tensor of this tensor's dtype.
    func scalar(_ value: Double) -> Tensor { Tensor(value, dtype: dtype) }
}

// MARK: - Arithmetic

extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let result = a.binary(b, { $0 + $1 }, { $0 + $1 })
        return a.record(result, inputs: [a, b]) { g in [g.summed(toShape: a.shape), g.summed(toShape: b.shape)] }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let result = a.binary(b, { $0 - $1 }, { $0 - $1 })
        return a.record(result, inputs: [a, b]) { g in [g.summed(toShape: a.shape), (-g).summed(toShape: b.shape)] }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let result = a.binary(b, { $0 * $1 }, { $0 * $1 })
        return a.record(result, inputs: [a, b]) { g in
            [a.needsGradient ? (g * b).summed(toShape: a.shape) : nil,
             b.needsGradient ? (g * a).summed(toShape: b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let result = a.binary(b, { $0 / $1 }, { $0 / $1 })
        return a.record(result, inputs: [a, b]) { g in
            [a.needsGradient ? (g / b).summed(toShape: a.shape) : nil,
             b.needsGradient ? (-(g * result) / b).summed(toShape: b.shape) : nil]
        }
    }

    public static prefix func - (x: Tensor) -> Tensor {
        x.unary({ -$0 }, { -$0 }, derivative: { x, _ in x.scalar(-1) })
    }

    public static func + (a: Tensor, b: Double) -> Tensor {
        let (f, d) = (Float(b), b)
        return a.unary({ $0 + f }, { $0 + d }, derivative: { x, _ in x.scalar(1) })
    }
    public static func - (a: Tensor, b: Double) -> Tensor { a + (-b) }
    public static func * (a: Tensor, b: Double) -> Tensor {
        let (f, d) = (Float(b), b)
        return a.unary({ $0 * f }, { $0 * d }, derivative: { x, _ in x.scalar(b) })
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
    public func exp() -> Tensor { unary({ .exp($0) }, { .exp($0) }, derivative: { _, y in y }) }
    /// Natural logarithm.
    public func log() -> Tensor { unary({ .log($0) }, { .log($0) }, derivative: { x, _ in x.reciprocal() }) }
    /// Square root.
    public func sqrt() -> Tensor { unary({ $0.squareRoot() }, { $0.squareRoot() }, derivative: { _, y in 0.5 / y }) }
    /// 1 / x.
    public func reciprocal() -> Tensor { unary({ 1 / $0 }, { 1 / $0 }, derivative: { _, y in -(y * y) }) }
    /// x².
    public func squared() -> Tensor { unary({ $0 * $0 }, { $0 * $0 }, derivative: { x, _ in x * 2 }) }
    /// x^p for a constant exponent.
    public func pow(_ p: Double) -> Tensor {
        let pf = Float(p)
        return unary({ .pow($0, pf) }, { .pow($0, p) }, derivative: { x, _ in x.pow(p - 1) * p })
    }
    /// |x| (derivative sign(x), 0 at 0).
    public func abs() -> Tensor { unary({ Swift.abs($0) }, { Swift.abs($0) }, derivative: { x, _ in x.sign() }) }
    /// -1, 0 or 1 (no gradient).
    public func sign() -> Tensor {
        unary({ $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, derivative: { x, _ in x.scalar(0) })
    }
    /// sin(x).
    public func sin() -> Tensor { unary({ .sin($0) }, { .sin($0) }, derivative: { x, _ in x.cos() }) }
    /// cos(x).
    public func cos() -> Tensor { unary({ .cos($0) }, { .cos($0) }, derivative: { x, _ in -x.sin() }) }
    /// The arctangent, in (-pi/2, pi/2).
    public func atan() -> Tensor { unary({ .atan($0) }, { .atan($0) }, derivative: { x, _ in 1 / (1 + x * x) }) }
    /// tanh(x).
    public func tanh() -> Tensor { unary({ .tanh($0) }, { .tanh($0) }, derivative: { _, y in 1 - y * y }) }
    /// The logistic sigmoid 1 / (1 + e^-x).
    public func sigmoid() -> Tensor {
        unary({ 1 / (1 + .exp(-$0)) }, { 1 / (1 + .exp(-$0)) }, derivative: { _, y in y * (1 - y) })
    }
    /// max(x, 0).
    public func relu() -> Tensor {
        unary({ Swift.max($0, 0) }, { Swift.max($0, 0) }, derivative: { x, _ in x.greater(x.scalar(0)) })
    }
    /// Clamps to [lower, upper] (gradient 1 inside, 0 outside).
    public func clamped(min lower: Double, max upper: Double) -> Tensor {
        let (lf, uf) = (Float(lower), Float(upper))
        return unary({ Swift.min(Swift.max($0, lf), uf) }, { Swift.min(Swift.max($0, lower), upper) },
                     derivative: { x, _ in x.greaterEqual(x.scalar(lower)) * x.lessEqual(x.scalar(upper)) })
    }
}
