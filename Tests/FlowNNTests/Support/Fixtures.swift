import Foundation
import FlowHDF5
import FlowTensor
import XCTest
@testable import FlowNN

/// Locating and reading the committed fixtures, and comparing tensors.
enum Fixtures {
    /// `Tests/Fixtures/<relativePath>`.
    static func url(_ relativePath: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/\(relativePath)")
    }

    /// Every dataset below `group` of the NN fixture, keyed by path inside the group.
    static func transformerBlock(_ group: String) throws -> [String: Tensor] {
        try StateDictionary.load(from: url("nn/transformer_block.h5"), group: group)
    }
}

/// `max |actual - expected| / max |expected|`: the error relative to the tensor's scale.
func relativeError(_ actual: Tensor, _ expected: Tensor) -> Double {
    precondition(actual.shape == expected.shape, "shapes \(actual.shape) and \(expected.shape) differ")
    let a = actual.doubles, e = expected.doubles
    let scale = e.map { abs($0) }.max() ?? 0
    let difference = zip(a, e).map { abs($0 - $1) }.max() ?? 0
    return difference / max(scale, 1e-30)
}

/// Asserts that `actual` equals `expected` within `tolerance` relative to the expected tensor's scale.
func assertClose(_ actual: Tensor, _ expected: Tensor, tolerance: Double, _ message: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.shape, expected.shape, message, file: file, line: line)
    guard actual.shape == expected.shape else { return }
    let error = relativeError(actual, expected)
    XCTAssertLessThanOrEqual(error, tolerance, "\(message): relative error \(error)", file: file, line: line)
}

/// Finite-difference check of `function`'s gradient with respect to `inputs` and every parameter of `module`.
func assertGradientsMatch(_ module: Module?, inputs: [Tensor] = [], tolerance: Double = 1e-6,
                          file: StaticString = #filePath, line: UInt = #line, _ function: @escaping () -> Tensor) {
    let checked = inputs + (module?.parameters() ?? [])
    XCTAssertFalse(checked.isEmpty, "nothing to check", file: file, line: line)
    for tensor in checked { XCTAssertEqual(tensor.dtype, .float64, file: file, line: line) }
    let error = GradientCheck.maximumError(inputs: checked) { _ in function() }
    XCTAssertLessThan(error, tolerance, "finite-difference gradient error", file: file, line: line)
}

/// A float64 leaf tensor of normal draws that requires gradients.
func gradientInput(_ shape: [Int], seed: UInt64 = 1) -> Tensor {
    var generator = RandomGenerator(seed: seed, stream: "input")
    let tensor = generator.normalTensor(shape, dtype: .float64)
    tensor.requiresGrad = true
    return tensor
}
