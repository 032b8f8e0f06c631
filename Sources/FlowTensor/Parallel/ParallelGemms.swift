import CBLAS

/// FlowTensor's matrix products run on its own threads, with OpenBLAS single-threaded inside.
///
/// OpenBLAS's pthread pool spins (`sched_yield`) for about 0.1 s after every threaded call; between products the
/// tape runs elementwise kernels on `parallelFor`'s threads, and the spinning workers take their cores. So a large
/// product is split into blocks of rows (or columns) of C, one single-threaded gemm per thread, and many small
/// products (attention heads) run one per thread. OpenBLAS's thread count is process-wide; the tape calls kernels
/// from one thread at a time, so switching it to 1 for the duration of one op and back is safe.
enum ParallelGemm {
    /// `C = alpha op(A) op(B) + beta C` (row-major), split over `ComputeThreads.count` threads when large.
    static func gemm<S: TensorScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: S,
        a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
        beta: S, c: UnsafeMutablePointer<S>, ldc: Int
    ) {
        let threads = ComputeThreads.count
        if threads <= 1 || isSmallGemm(m: m, n: n, k: k) {
            withSingleThreadedBLAS {
                S.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                       a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            }
            return
        }
        let (pa, pb, pc) = (SendablePointer(a), SendablePointer(b), SendablePointer(c))
        let splitRows = m >= n
        let extent = splitRows ? m : n
        // Blocks of whole kernel tiles (multiples of 16), one per thread.
        let block = (extent + threads - 1) / threads
        let alignedBlock = (block + 15) / 16 * 16
        let blocks = (extent + alignedBlock - 1) / alignedBlock
        parallelSmallGemms(blocks) { range in
            for index in range {
                let start = index * alignedBlock, size = Swift.min(alignedBlock, extent - start)
                if splitRows {
                    S.gemm(transposeA: transposeA, transposeB: transposeB, m: size, n: n, k: k, alpha: alpha,
                           a: pa.base + (transposeA ? start : start * lda), lda: lda, b: pb.base, ldb: ldb,
                           beta: beta, c: pc.base + start * ldc, ldc: ldc)
                } else {
                    S.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: size, k: k, alpha: alpha,
                           a: pa.base, lda: lda, b: pb.base + (transposeB ? start * ldb : start), ldb: ldb,
                           beta: beta, c: pc.base + start, ldc: ldc)
                }
            }
        }
    }
}

/// Runs `body` over `0..<count` in parallel, with BLAS single-threaded inside, for independent gemms.
func parallelSmallGemms(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
    withSingleThreadedBLAS {
        if ComputeThreads.count <= 1 || count < 2 {
            if count > 0 { body(0..<count) }
        } else {
            parallelFor(count, minimumChunk: 1, body)
        }
    }
}

/// Runs `body` with OpenBLAS set to one thread, restoring its previous thread count afterwards.
@inline(__always)
func withSingleThreadedBLAS(_ body: () -> Void) {
    let previous = openblas_get_num_threads()
    if previous == 1 { return body() }
    openblas_set_num_threads(1)
    body()
    openblas_set_num_threads(previous)
}

/// Whether a gemm of this size is too small to be worth splitting over threads.
@inline(__always)
func isSmallGemm(m: Int, n: Int, k: Int) -> Bool { m * n * k <= 1 << 21 }
