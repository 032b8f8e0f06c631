import RealModule

/// A function applied to every element. Kernels are types, not closures, so the compiler specialises and
/// inlines them into the loop for each element type (a closure would cost an indirect call per element).
protocol UnaryKernel: Sendable {
    func apply<S: TensorScalar>(_ x: S) -> S
}

/// A function of two elements, applied with broadcasting.
protocol BinaryKernel: Sendable {
    func apply<S: TensorScalar>(_ a: S, _ b: S) -> S
}

enum Kernels {
    struct Negate: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { -x } }
    struct Exp: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { S.fastExp(x) } }
    struct Log: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { .log(x) } }
    struct SquareRoot: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { x.squareRoot() } }
    struct Reciprocal: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { 1 / x } }
    struct Square: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { x * x } }
    struct Sine: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { .sin(x) } }
    struct Cosine: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { .cos(x) } }
    struct Arctangent: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { .atan(x) } }
    struct HyperbolicTangent: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { .tanh(x) } }
    struct Sigmoid: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { 1 / (1 + S.fastExp(-x)) } }
    struct Absolute: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { Swift.abs(x) } }
    struct Sign: UnaryKernel {
        @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { x > 0 ? 1 : (x < 0 ? -1 : 0) }
    }
    struct NonZero: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { x != 0 ? 1 : 0 } }
    struct Positive: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { x > 0 ? 1 : 0 } }
    struct Relu: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { Swift.max(x, 0) } }
    struct GeluTanh: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { geluTanhValue(x) } }
    struct GeluErf: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { geluErfValue(x) } }
    struct Silu: UnaryKernel { @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { x / (1 + S.fastExp(-x)) } }
    struct AddScalar: UnaryKernel {
        let value: Double
        @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { x + S(value) }
    }
    struct MultiplyScalar: UnaryKernel {
        let value: Double
        @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { x * S(value) }
    }
    /// `x^p` as C's `pow` and torch define it: an integral `p` takes the integer power, so `0^0 = 1` and
    /// negative bases work (swift-numerics' real `pow(0, 0)` is NaN and its `pow(-2, 2)` is NaN too).
    struct Power: UnaryKernel {
        let exponent: Double
        let integralExponent: Int?
        init(exponent: Double) {
            self.exponent = exponent
            integralExponent = exponent.magnitude < 0x1p52 ? Int(exactly: exponent) : nil
        }
        @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S {
            if let integralExponent { return .pow(x, integralExponent) }
            return .pow(x, S(exponent))
        }
    }
    struct Clamp: UnaryKernel {
        let lower: Double, upper: Double
        @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { Swift.min(Swift.max(x, S(lower)), S(upper)) }
    }
    struct InsideClosedRange: UnaryKernel {
        let lower: Double, upper: Double
        @inline(__always) func apply<S: TensorScalar>(_ x: S) -> S { x >= S(lower) && x <= S(upper) ? 1 : 0 }
    }

    /// `g · gelu_tanh'(x)` for the fused backward pass (`a` is the gradient, `b` the input).
    struct GeluTanhBackward: BinaryKernel {
        @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a * geluTanhDerivative(b) }
    }
    /// `g · gelu_erf'(x)`.
    struct GeluErfBackward: BinaryKernel {
        @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a * geluErfDerivative(b) }
    }
    /// `g · silu'(x)`.
    struct SiluBackward: BinaryKernel {
        @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a * siluDerivative(b) }
    }

    /// `g · 2x` for the fused backward pass of `squared()`.
    struct SquareBackward: BinaryKernel {
        @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a * 2 * b }
    }

    struct Add: BinaryKernel { @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a + b } }
    struct Subtract: BinaryKernel { @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a - b } }
    struct Multiply: BinaryKernel { @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a * b } }
    struct Maximum: BinaryKernel { @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { Swift.max(a, b) } }
    struct Divide: BinaryKernel { @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a / b } }
    struct Greater: BinaryKernel { @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a > b ? 1 : 0 } }
    struct GreaterEqual: BinaryKernel { @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a >= b ? 1 : 0 } }
    struct Less: BinaryKernel { @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a < b ? 1 : 0 } }
    struct LessEqual: BinaryKernel { @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a <= b ? 1 : 0 } }
    struct Equal: BinaryKernel { @inline(__always) func apply<S: TensorScalar>(_ a: S, _ b: S) -> S { a == b ? 1 : 0 } }
}
