import XCTest
@testable import FlowTensor

/// Every differentiable op, checked against central finite differences in Float64.
final class GradientCheckTests: XCTestCase {
    var generator = RandomGenerator(seed: 2024, stream: "gradient-tests")

    func input(_ shape: [Int], positive: Bool = false) -> Tensor {
        let values = generator.normal(shape.reduce(1, *)).map { positive ? Swift.abs($0) + 0.5 : $0 }
        return Tensor(shape: shape, scalars: values, requiresGrad: true)
    }

    func assertGradient(_ inputs: [Tensor], tolerance: Double = 1e-6, file: StaticString = #filePath, line: UInt = #line,
                        _ function: ([Tensor]) -> Tensor) {
        let error = GradientCheck.maximumError(inputs: inputs, function)
        XCTAssertLessThan(error, tolerance, file: file, line: line)
    }

    func testBroadcastArithmetic() {
        assertGradient([input([3, 4]), input([4])]) { $0[0] + $0[1] }
        assertGradient([input([3, 4]), input([3, 1])]) { $0[0] - $0[1] }
        assertGradient([input([2, 3, 4]), input([1, 3, 1])]) { $0[0] * $0[1] }
        assertGradient([input([3, 4]), input([4], positive: true)]) { $0[0] / $0[1] }
        assertGradient([input([3, 4])]) { -$0[0] * 2.5 + 1 }
        assertGradient([input([3], positive: true)]) { 2 / $0[0] }
    }

    func testUnaryMath() {
        assertGradient([input([5])]) { $0[0].exp() }
        assertGradient([input([5], positive: true)]) { $0[0].log() }
        assertGradient([input([5], positive: true)]) { $0[0].sqrt() }
        assertGradient([input([5], positive: true)]) { $0[0].pow(1.7) }
        assertGradient([input([5])]) { $0[0].squared() }
        assertGradient([input([5])]) { $0[0].sin() + $0[0].cos() }
        assertGradient([input([5])]) { $0[0].tanh() }
        assertGradient([input([5])]) { $0[0].atan() }
        assertGradient([input([5])]) { $0[0].sigmoid() }
        assertGradient([input([5], positive: true)]) { $0[0].abs() }
        assertGradient([input([6])]) { $0[0].clamped(min: -0.5, max: 0.5) }
    }

    func testActivations() {
        assertGradient([input([7])]) { $0[0].geluTanh() }
        assertGradient([input([7])]) { $0[0].geluErf() }
        assertGradient([input([7])]) { $0[0].silu() }
        assertGradient([input([7], positive: true)]) { $0[0].relu() }
    }

    func testReductions() {
        assertGradient([input([2, 3, 4])]) { $0[0].sum(axes: [1]) }
        assertGradient([input([2, 3, 4])]) { $0[0].sum(axes: [0, 2], keepDims: true) }
        assertGradient([input([2, 3, 4])]) { $0[0].mean(axes: [-1]) }
        assertGradient([input([2, 3, 4])]) { $0[0].mean() }
        assertGradient([input([3, 5])]) { $0[0].max(axis: 1) }
        assertGradient([input([3, 5])]) { $0[0].logSumExp(axis: 1) }
        assertGradient([input([3, 5])]) { $0[0].logSumExp(axis: 0, keepDims: true) }
        assertGradient([input([3, 2])]) { $0[0].broadcast(to: [4, 3, 2]) }
        assertGradient([input([4])]) { $0[0].norm() }
    }

    func testSoftmaxAndLayerNorm() {
        assertGradient([input([3, 6])]) { $0[0].softmax() }
        assertGradient([input([3, 6])]) { $0[0].logSoftmax() }
        assertGradient([input([2, 3, 8]), input([8]), input([8])]) { $0[0].layerNorm(weight: $0[1], bias: $0[2]) }
        assertGradient([input([4, 5])]) { $0[0].layerNorm(weight: nil, bias: nil, epsilon: 1e-6) }
    }

    func testMatmul() {
        assertGradient([input([3, 4]), input([4, 5])]) { Tensor.matmul($0[0], $0[1]) }
        assertGradient([input([2, 3, 4]), input([5, 4])]) { Tensor.matmul($0[0], $0[1], transposeB: true) }
        assertGradient([input([2, 4, 3]), input([2, 4, 5])]) { Tensor.matmul($0[0], $0[1], transposeA: true) }
        assertGradient([input([2, 2, 3, 4]), input([2, 2, 5, 4])]) { Tensor.matmul($0[0], $0[1], transposeB: true) }
        assertGradient([input([4, 3]), input([5, 4])]) { Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: true) }
    }

    func testShapeOps() {
        assertGradient([input([2, 3, 4])]) { $0[0].reshaped([6, -1]) }
        assertGradient([input([2, 3, 4])]) { $0[0].permuted([2, 0, 1]) }
        assertGradient([input([2, 3, 4])]) { $0[0].transposed(0, 2) }
        assertGradient([input([2, 5, 3])]) { $0[0].slice(axis: 1, 1..<4) }
        assertGradient([input([2, 3]), input([2, 4])]) { Tensor.concatenate([$0[0], $0[1]], axis: 1) }
        assertGradient([input([2, 7])]) { Tensor.concatenate($0[0].split([3, 4], axis: 1).reversed(), axis: 1) }
        assertGradient([input([3])]) { $0[0].unsqueezed(0) * $0[0].unsqueezed(1) }
    }

    func testIndexingAndLosses() {
        assertGradient([input([5, 3])]) { Tensor.embedding($0[0], indices: [0, 4, 4, 2], indexShape: [2, 2]) }
        assertGradient([input([4, 3])]) { Tensor.scatterAddRows($0[0], indices: [1, 1, 0, 3], rows: 5) }
        assertGradient([input([2, 2, 5])]) { $0[0].gather(lastAxis: [0, 4, 2, 2]) }
        assertGradient([input([4, 6])]) { Tensor.crossEntropy(logits: $0[0], targets: [1, 5, 0, 2]) }
        assertGradient([input([4, 6])]) { Tensor.crossEntropy(logits: $0[0], targets: [1, -100, 0, 2], reduction: .sum, ignoreIndex: -100) }
        assertGradient([input([3, 2]), input([3, 2])]) { Tensor.meanSquaredError($0[0], $0[1]) }
    }

    func testComparisonsAndWhere() {
        let condition = Tensor(shape: [4], scalars: [1.0, 0, 1, 0])
        assertGradient([input([4]), input([4])]) { Tensor.where(condition, $0[0], $0[1]) }
        assertGradient([input([4]), input([4])]) { $0[0].maximum($0[1]) + $0[0].minimum($0[1]) * 2 }
    }

    func testAttention() {
        let mask = Tensor.causalMask(3, dtype: .float64)
        assertGradient([input([2, 3, 4]), input([2, 3, 4]), input([2, 3, 5])]) {
            Tensor.scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2], mask: mask)
        }
    }

    func testGradientAccumulatesAcrossBackwardCalls() {
        let x = Tensor(shape: [2], scalars: [1.0, 2.0], requiresGrad: true)
        (x * x).sum().backward()
        (x * 3).sum().backward()
        XCTAssertEqual(x.grad!.doubles, [2 + 3, 4 + 3])
    }

    func testNoGradientModeRecordsNothing() {
        let x = Tensor(shape: [2], scalars: [1.0, 2.0], requiresGrad: true)
        let y = withNoGradient { (x * x).sum() }
        XCTAssertNil(y.gradientNode)
        XCTAssertFalse(y.needsGradient)
    }
}
