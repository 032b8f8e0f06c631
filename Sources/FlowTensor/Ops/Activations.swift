import RealModule

extension Tensor {
    /// GELU with the tanh approximation: `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`.
    public func geluTanh() -> Tensor { activation(Kernels.GeluTanh(), backward: Kernels.GeluTanhBackward()) }

    /// Exact GELU: `x Φ(x) = 0.5 x (1 + erf(x / √2))`.
    public func geluErf() -> Tensor { activation(Kernels.GeluErf(), backward: Kernels.GeluErfBackward()) }

    /// SiLU (swish): `x σ(x)`.
    public func silu() -> Tensor { activation(Kernels.Silu(), backward: Kernels.SiluBackward()) }

    /// Applies `kernel`; the backward pass is one fused pass `backward(g, x) = g · f'(x)`.
    private func activation<K: UnaryKernel, B: BinaryKernel>(_ kernel: K, backward: B) -> Tensor {
        record(map(kernel), inputs: [self]) { gradient in [gradient.binary(self, backward)] }
    }
}

// 0.5 (1 + tanh u) = σ(2u), so both GELU-tanh kernels need one exponential and no tanh.

@inline(__always) func geluTanhValue<S: TensorScalar>(_ x: S) -> S {
    let c = S(0.7978845608028654)  // √(2/π)
    let inner = c * (x + S(0.044715) * x * x * x)
    return x / (1 + S.fastExp(-2 * inner))
}

@inline(__always) func geluTanhDerivative<S: TensorScalar>(_ x: S) -> S {
    let c = S(0.7978845608028654)
    let inner = c * (x + S(0.044715) * x * x * x)
    let t = 2 / (1 + S.fastExp(-2 * inner)) - 1
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * S(0.044715) * x * x)
}

@inline(__always) func geluErfValue<S: TensorScalar>(_ x: S) -> S {
    0.5 * x * (1 + S.erf(x * S(0.7071067811865476)))
}

@inline(__always) func geluErfDerivative<S: TensorScalar>(_ x: S) -> S {
    let cdf = 0.5 * (1 + S.erf(x * S(0.7071067811865476)))
    let pdf = S.exp(-0.5 * x * x) * S(0.3989422804014327)  // 1/√(2π)
    return cdf + x * pdf
}

@inline(__always) func siluDerivative<S: TensorScalar>(_ x: S) -> S {
    let s = 1 / (1 + S.fastExp(-x))
    return s * (1 + x * (1 - s))
}
