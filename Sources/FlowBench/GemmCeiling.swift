import FlowTensor
import Foundation

/// The practical ceiling: the best sustained `cblas_sgemm` rate on square matrices.
struct GemmCeiling {
    private let size: Int
    private let a: Tensor
    private let b: Tensor

    /// Two random `size × size` Float32 matrices, multiplied once to warm up.
    init(size: Int = 1024) {
        var generator = RandomGenerator(seed: 0, stream: "bench")
        self.size = size
        a = generator.normalTensor([size, size])
        b = generator.normalTensor([size, size])
        _ = Tensor.matmul(a, b)
    }

    /// GFLOP/s of the fastest of `repeats` products.
    func measure(repeats: Int = 5) -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = Tensor.matmul(a, b)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return 2 * pow(Double(size), 3) / best / 1e9
    }
}
