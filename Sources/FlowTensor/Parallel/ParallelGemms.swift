import CBLAS

/// Runs `body` over `0..<count` in parallel, with BLAS single-threaded inside, for many small independent
/// gemms (attention heads, batched products): one thread per gemm beats BLAS threading each tiny product.
///
/// OpenBLAS's thread count is process-wide; the tape calls kernels from one thread at a time, so switching
/// it for the duration of one op and back is safe.
func parallelSmallGemms(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let threads = ComputeThreads.count
    if threads <= 1 || count < 2 {
        if count > 0 { body(0..<count) }
        return
    }
    let previous = openblas_get_num_threads()
    openblas_set_num_threads(1)
    defer { openblas_set_num_threads(previous) }
    parallelFor(count, minimumChunk: 1, body)
}

/// Whether a gemm of this size is small enough that BLAS threading costs more than it gains.
@inline(__always)
func isSmallGemm(m: Int, n: Int, k: Int) -> Bool { m * n * k <= 1 << 21 }
