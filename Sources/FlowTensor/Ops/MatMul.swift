extension Tensor {
    /// Matrix product over the last two dimensions, `op(A) op(B)`, through BLAS `gemm`.
    ///
    /// `a` is `[..., m, k]` (or `[..., k, m]` when `transposeA`), `b` is `[..., k, n]` (or `[..., n, k]`).
    /// A 2-D `b` is shared by every batch of `a` (one large gemm); otherwise batch dimensions must match.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.dtype == b.dtype, "matmul: mixed dtypes \(a.dtype) and \(b.dtype)")
        precondition(a.rank >= 2 && b.rank >= 2, "matmul needs rank >= 2, got \(a.shape) and \(b.shape)")
        let (aRows, aColumns) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (bRows, bColumns) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let m = transposeA ? aColumns : aRows, k = transposeA ? aRows : aColumns
        let kB = transposeB ? bColumns : bRows, n = transposeB ? bRows : bColumns
        precondition(k == kB, "matmul: inner dimensions differ, \(a.shape)\(transposeA ? "ᵀ" : "") x \(b.shape)\(transposeB ? "ᵀ" : "")")
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let result: Tensor
        if b.rank == 2 && !transposeA {
            // Fold a's batch into its rows: one gemm.
            result = Tensor.uninitialized(batchA + [m, n], dtype: a.dtype)
            gemm(a, b, into: result, transposeA: false, transposeB: transposeB,
                 m: batchA.reduce(1, *) * m, n: n, k: k, batches: 1, strideB: 0)
        } else {
            precondition(batchA == batchB, "matmul: batch dimensions \(batchA) and \(batchB) differ")
            result = Tensor.uninitialized(batchA + [m, n], dtype: a.dtype)
            gemm(a, b, into: result, transposeA: transposeA, transposeB: transposeB,
                 m: m, n: n, k: k, batches: batchA.reduce(1, *), strideB: k * n)
        }
        return a.record(result, inputs: [a, b]) { gradient in
            var gradA: Tensor?, gradB: Tensor?
            if a.needsGradient {
                gradA = transposeA
                    ? Tensor.matmul(b, gradient, transposeA: transposeB, transposeB: true)
                    : Tensor.matmul(gradient, b, transposeB: !transposeB)
            }
            if b.needsGradient {
                if b.rank == 2 && !transposeA {
                    let a2 = a.reshaped([-1, k]), g2 = gradient.reshaped([-1, n])
                    gradB = transposeB ? Tensor.matmul(g2, a2, transposeA: true) : Tensor.matmul(a2, g2, transposeA: true)
                } else {
                    gradB = transposeB
                        ? Tensor.matmul(gradient, a, transposeA: true, transposeB: transposeA)
                        : Tensor.matmul(a, gradient, transposeA: !transposeA)
                }
            }
            return [gradA, gradB]
        }
    }

    private static func gemm(_ a: Tensor, _ b: Tensor, into c: Tensor, transposeA: Bool, transposeB: Bool,
                             m: Int, n: Int, k: Int, batches: Int, strideB: Int) {
        switch a.dtype {
        case .float32: gemmKernel(a, b, c, Float.self, transposeA, transposeB, m, n, k, batches, strideB)
        case .float64: gemmKernel(a, b, c, Double.self, transposeA, transposeB, m, n, k, batches, strideB)
        }
    }
}

private func gemmKernel<S: TensorScalar>(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ type: S.Type,
                                         _ transposeA: Bool, _ transposeB: Bool,
                                         _ m: Int, _ n: Int, _ k: Int, _ batches: Int, _ strideB: Int) {
    if c.count == 0 { return }
    let lda = transposeA ? m : k, ldb = transposeB ? k : n
    let pa = a.buffer(S.self).baseAddress!, pb = b.buffer(S.self).baseAddress!
    let pc = c.mutableBuffer(S.self).baseAddress!
    if k == 0 {
        pc.update(repeating: 0, count: c.count)
        return
    }
    let (a, b, c) = (SendablePointer(pa), SendablePointer(pb), SendablePointer(pc))
    @Sendable func run(_ range: Range<Int>) {
        for batch in range {
            ParallelGemm.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
                              a: a.base + batch * m * k, lda: lda, b: b.base + batch * strideB, ldb: ldb,
                              beta: 0, c: c.base + batch * m * n, ldc: n)
        }
    }
    // Many small products (attention heads): one thread each; a large product is split over the threads instead.
    if batches > 1 && isSmallGemm(m: m, n: n, k: k) { parallelSmallGemms(batches, run) } else { run(0..<batches) }
}
