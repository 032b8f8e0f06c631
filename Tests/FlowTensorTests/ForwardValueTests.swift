import XCTest
@testable import FlowTensor

/// Forward values on small inputs whose answers are known in closed form.
final class ForwardValueTests: XCTestCase {
    func testMatmulMatchesHandComputedProduct() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6] as [Float])
        let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12] as [Float])
        XCTAssertEqual(Tensor.matmul(a, b).floats, [58, 64, 139, 154])
        XCTAssertEqual(Tensor.matmul(b, a, transposeA: true, transposeB: true).floats, [58, 139, 64, 154])
    }

    func testBroadcastingFollowsNumPy() {
        let a = Tensor(shape: [2, 1, 3], scalars: [0, 1, 2, 3, 4, 5] as [Float])
        let b = Tensor(shape: [2, 1], scalars: [10, 20] as [Float])
        let c = a + b
        XCTAssertEqual(c.shape, [2, 2, 3])
        XCTAssertEqual(c.floats, [10, 11, 12, 20, 21, 22, 13, 14, 15, 23, 24, 25])
    }

    func testSoftmaxRowsSumToOneAndLogSoftmaxAgrees() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 1000, 1000, 1000] as [Float])
        let s = x.softmax().floats
        XCTAssertEqual(s[0] + s[1] + s[2], 1, accuracy: 1e-6)
        XCTAssertEqual(s[3], 1.0 / 3, accuracy: 1e-6)
        let logS = x.logSoftmax().floats
        for i in 0..<6 { XCTAssertEqual(logS[i], Foundation.log(s[i]), accuracy: 1e-5) }
    }

    func testLayerNormHasZeroMeanUnitVariance() {
        let x = Tensor(shape: [1, 4], scalars: [1, 2, 3, 4] as [Double])
        let y = x.layerNorm(weight: nil, bias: nil, epsilon: 0).doubles
        XCTAssertEqual(y.reduce(0, +), 0, accuracy: 1e-12)
        XCTAssertEqual(y.map { $0 * $0 }.reduce(0, +) / 4, 1, accuracy: 1e-12)
    }

    func testGELUAndSiLUKnownValues() {
        let x = Tensor(shape: [3], scalars: [-1, 0, 1] as [Double])
        let erf = x.geluErf().doubles
        XCTAssertEqual(erf[2], 0.8413447460685429, accuracy: 1e-12)
        XCTAssertEqual(erf[0], -0.15865525393145707, accuracy: 1e-12)
        XCTAssertEqual(x.geluTanh().doubles[2], 0.8411919906082768, accuracy: 1e-12)
        XCTAssertEqual(x.silu().doubles[2], 0.7310585786300049, accuracy: 1e-12)
    }

    func testCrossEntropyOfUniformLogitsIsLogC() {
        let logits = Tensor.zeros([3, 5])
        XCTAssertEqual(Tensor.crossEntropy(logits: logits, targets: [0, 1, 4]).item, Foundation.log(5.0), accuracy: 1e-6)
    }

    func testConcatenateSplitAndPermuteRoundTrip() {
        let x = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Float.init))
        let parts = x.split([1, 2], axis: 1)
        XCTAssertEqual(Tensor.concatenate(parts, axis: 1).floats, x.floats)
        XCTAssertEqual(x.permuted([2, 0, 1]).permuted([1, 2, 0]).floats, x.floats)
        XCTAssertEqual(x.transposed(0, 2).shape, [4, 3, 2])
        XCTAssertEqual(x.transposed(0, 2).floats[1], 12)
    }

    func testLargeElementwiseOpsAgreeAcrossThreadSplits() {
        var generator = RandomGenerator(seed: 3)
        let x = generator.normalTensor([300_000])
        let serial = x.floats.map { $0 * 2 + 1 }
        XCTAssertEqual((x * 2 + 1).floats, serial)
        XCTAssertEqual(x.sum().item, x.doubles.reduce(0, +), accuracy: 1e-1)
    }
}

final class FastExponentialTests: XCTestCase {
    func testVectorizableExpMatchesLibmToFloatPrecision() {
        var worst: Float = 0
        for step in -87_000...88_000 {
            let x = Float(step) / 1_000
            let reference = Foundation.exp(Double(x))
            worst = max(worst, Float(abs(Double(vectorizableExp(x)) - reference) / reference))
        }
        XCTAssertLessThan(worst, 4e-7)
    }

    func testSumOverLeadingAxesUsesBothSplits() {
        var generator = RandomGenerator(seed: 8)
        let x = generator.normalTensor([3, 5, 4_000], dtype: .float64)
        let values = x.doubles
        let summed = x.sum(axes: [0, 1]).doubles
        for column in [0, 1_999, 3_999] {
            let expected = (0..<15).reduce(0.0) { $0 + values[$1 * 4_000 + column] }
            XCTAssertEqual(summed[column], expected, accuracy: 1e-9)
        }
    }
}
