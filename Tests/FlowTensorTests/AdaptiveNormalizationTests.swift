import XCTest
@testable import FlowTensor

/// DiT's fused adaLN ops: values against the same computation made of unfused ops, gradients against
/// finite differences.
final class AdaptiveNormalizationTests: XCTestCase {
    var generator = RandomGenerator(seed: 11, stream: "adaptive-normalization-tests")

    func input(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: generator.normal(shape.reduce(1, *)), requiresGrad: true)
    }

    func assertClose(_ a: Tensor, _ b: Tensor, tolerance: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.shape, b.shape, file: file, line: line)
        let error = zip(a.doubles, b.doubles).map { Swift.abs($0 - $1) }.max() ?? 0
        XCTAssertLessThan(error, tolerance, file: file, line: line)
    }

    func testAdaptiveLayerNormMatchesLayerNormThenModulation() {
        let (x, shift, scale) = (input([3, 4, 6]), input([3, 6]), input([3, 6]))
        let expected = x.layerNorm(weight: nil, bias: nil, epsilon: 1e-6) * (1 + scale.unsqueezed(1)) + shift.unsqueezed(1)
        assertClose(x.adaptiveLayerNorm(shift: shift, scale: scale, epsilon: 1e-6), expected)
        let float32 = x.converted(to: .float32)
            .adaptiveLayerNorm(shift: shift.converted(to: .float32), scale: scale.converted(to: .float32))
        assertClose(float32, expected, tolerance: 1e-5)
    }

    func testAdaptiveLayerNormGradients() {
        let error = GradientCheck.maximumError(inputs: [input([3, 4, 6]), input([3, 6]), input([3, 6])]) {
            $0[0].adaptiveLayerNorm(shift: $0[1], scale: $0[2])
        }
        XCTAssertLessThan(error, 1e-6)
    }

    func testGatedResidualMatchesBroadcastProduct() {
        let (x, gate, y) = (input([2, 5, 4]), input([2, 4]), input([2, 5, 4]))
        assertClose(Tensor.gatedResidual(x, gate: gate, y), x + gate.unsqueezed(1) * y)
    }

    func testGatedResidualGradients() {
        let error = GradientCheck.maximumError(inputs: [input([2, 5, 4]), input([2, 4]), input([2, 5, 4])]) {
            Tensor.gatedResidual($0[0], gate: $0[1], $0[2])
        }
        XCTAssertLessThan(error, 1e-6)
        // A gate that needs no gradient (a frozen conditioning) still passes gradients to x and y.
        let frozenGate = input([2, 4]).detached()
        let partial = GradientCheck.maximumError(inputs: [input([2, 5, 4]), input([2, 5, 4])]) {
            Tensor.gatedResidual($0[0], gate: frozenGate, $0[1])
        }
        XCTAssertLessThan(partial, 1e-6)
    }
}
