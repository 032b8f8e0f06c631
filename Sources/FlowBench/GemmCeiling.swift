import FlowTensor
import Foundation

/// The practical ceiling: the best sustained `cblas_sgemm` rate on square matrices, with OpenBLAS's own threads.
struct GemmCeiling {
    private let size: Int
    private let a: [Float]
    private let b: [Float]

    /// Two random `size × size` Float32 matrices, multiplied once to warm up.
    init(size: Int = 1024) {
        var generator = RandomGenerator(seed: 0, stream: "bench")
        self.size = size
        a = generator.normalTensor([size, size]).floats
        b = generator.normalTensor([size, size]).floats
        _ = measure(repeats: 1)
    }

    /// GFLOP/s of the fastest of `repeats` products.
    ///
    /// OpenBLAS's idle threads spin for about 0.1 s after a threaded call; the pause afterwards keeps that
    /// spinning out of whatever is measured next.
    func measure(repeats: Int = 5) -> Double {
        var c = [Float](repeating: 0, count: size * size)
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        Float.gemm(transposeA: false, transposeB: false, m: size, n: size, k: size, alpha: 1,
                                   a: a.baseAddress!, lda: size, b: b.baseAddress!, ldb: size,
                                   beta: 0, c: c.baseAddress!, ldc: size)
                    }
                }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        Thread.sleep(forTimeInterval: 0.25)
        return 2 * pow(Double(size), 3) / best / 1e9
    }
}
