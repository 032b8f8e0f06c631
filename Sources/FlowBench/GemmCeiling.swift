import FlowTensor
import Foundation

/// The practical ceiling: the best sustained `cblas_sgemm` rate on square matrices.
enum GemmCeiling {
    /// GFLOP/s of the fastest of `repeats` products of two `size × size` Float32 matrices (after one warm-up).
    static func measure(size: Int = 1024, repeats: Int = 5) -> Double {
        var generator = RandomGenerator(seed: 0, stream: "bench")
        let a = generator.normalTensor([size, size]), b = generator.normalTensor([size, size])
        _ = Tensor.matmul(a, b)
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = Tensor.matmul(a, b)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return 2 * pow(Double(size), 3) / best / 1e9
    }
}
