import FlowTensor
import Foundation

/// `make bench`: speed figures for this machine, each next to the best alternative measured in the same run.
@main
struct FlowBench {
    static func main() throws {
        print("FlowLab benchmarks: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ComputeThreads.count) threads, BLAS threads \(ComputeThreads.blasThreads)")
        let ceiling = GemmCeiling.measure()
        print(String(format: "sgemm ceiling (1024x1024x1024, best of 5): %.1f GFLOP/s", ceiling))
    }
}

/// The practical ceiling: the best sustained `cblas_sgemm` rate on square matrices.
enum GemmCeiling {
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
