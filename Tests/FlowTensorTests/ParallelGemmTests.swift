import XCTest
@testable import FlowTensor

/// Products large enough to be split over threads (by rows or by columns of C) agree with a plain triple loop.
final class ParallelGemmTests: XCTestCase {
    var generator = RandomGenerator(seed: 11, stream: "parallel-gemm-tests")

    /// `op(a) op(b)` by the definition, in Float64.
    func reference(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> [Double] {
        let (x, y) = (a.doubles, b.doubles)
        let m = transposeA ? a.shape[1] : a.shape[0], k = transposeA ? a.shape[0] : a.shape[1]
        let n = transposeB ? b.shape[0] : b.shape[1]
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for l in 0..<k {
                    total += (transposeA ? x[l * m + i] : x[i * k + l]) * (transposeB ? y[j * k + l] : y[l * n + j])
                }
                c[i * n + j] = total
            }
        }
        return c
    }

    func testSplitProductsMatchTheDefinitionForEveryTransposition() {
        for (m, n) in [(150, 130), (70, 290)] {  // split by rows, then by columns
            XCTAssertFalse(isSmallGemm(m: m, n: n, k: 120), "\(m) x \(n) x 120 must take the split path")
            for transposeA in [false, true] {
                for transposeB in [false, true] {
                    let k = 120
                    let a = generator.normalTensor(transposeA ? [k, m] : [m, k], dtype: .float64)
                    let b = generator.normalTensor(transposeB ? [n, k] : [k, n], dtype: .float64)
                    let product = Tensor.matmul(a, b, transposeA: transposeA, transposeB: transposeB)
                    let expected = reference(a, b, transposeA: transposeA, transposeB: transposeB)
                    let error = zip(product.doubles, expected).map { Swift.abs($0 - $1) }.max()!
                    XCTAssertLessThan(error, 1e-10, "m \(m) n \(n) transposeA \(transposeA) transposeB \(transposeB)")
                }
            }
        }
    }

    func testSplitLinearAddsTheBiasOnce() {
        let x = generator.normalTensor([2, 90, 120], dtype: .float64)
        let weight = generator.normalTensor([140, 120], dtype: .float64)
        let bias = generator.normalTensor([140], dtype: .float64)
        let fused = Tensor.linear(x, weight: weight, bias: bias).doubles
        let expected = (Tensor.matmul(x, weight, transposeB: true) + bias).doubles
        XCTAssertLessThan(zip(fused, expected).map { Swift.abs($0 - $1) }.max()!, 1e-10)
    }
}
