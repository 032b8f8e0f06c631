import Foundation
import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// The DiT against a PyTorch model with facebookresearch/DiT's structure and names, from
/// `Scripts/fixtures/dit_reference.py`: the state dict loads by name, the velocity and the gradients match.
final class DiTParityTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/dit/dit_reference.h5")

    private func load(_ group: String) throws -> [String: Tensor] {
        try StateDictionary.load(from: Self.fixture, group: group)
    }

    /// Loads the case's weights into a fresh model, runs it on the fixture's inputs, backpropagates
    /// `sum(velocity * R)` and compares the velocity and every stored gradient.
    private func checkCase(_ group: String, conditioning: DiTConditioning, condition: ([Int]) -> DiTCondition,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        let weights = try load("\(group)/weights"), inputs = try load("\(group)/inputs")
        let reference = try load(group), gradients = try load("\(group)/gradients")
        let ids = inputs["condition"]!.doubles.map { Int($0) }
        for (dtype, tolerance) in [(DType.float32, 1e-4), (.float64, 1e-5)] {
            var generator = RandomGenerator(seed: 0)
            let configuration = DiTConfiguration(imageSize: 8, patchSize: 2, channels: 3, width: 8, depth: 2, heads: 2,
                                                 conditioning: conditioning)
            let model = try DiT(configuration: configuration, dtype: dtype, generator: &generator)
            // The fixed sin-cos table is computed here, not loaded: it must equal the reference's already.
            assertClose(model.positions, weights["pos_embed"]!, tolerance: 1e-6, "\(group) pos_embed", file: file, line: line)
            try model.loadStateDict(weights)   // strict: every name must match, none may be left over
            let images = inputs["images"]!.converted(to: dtype)
            images.requiresGrad = true
            let velocity = model(images, t: inputs["t"]!.converted(to: dtype), condition: condition(ids))
            assertClose(velocity, reference["velocity"]!, tolerance: tolerance, "\(group) \(dtype) velocity", file: file, line: line)
            (velocity * reference["projection"]!.converted(to: dtype)).sum().backward()
            let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.tensor) })
            var worst = relativeError(velocity, reference["velocity"]!)
            for (name, expected) in gradients {
                let tensor = name == "images" ? images : parameters[name]
                guard let gradient = tensor?.grad else {
                    XCTFail("\(group): no gradient for \(name)", file: file, line: line)
                    continue
                }
                assertClose(gradient, expected, tolerance: tolerance, "\(group) \(dtype) gradient of \(name)", file: file, line: line)
                worst = max(worst, relativeError(gradient, expected))
            }
            XCTAssertGreaterThanOrEqual(gradients.count, 10, file: file, line: line)
            print("DiT \(group) \(dtype): worst relative error \(worst) over the velocity and \(gradients.count) gradients")
        }
    }

    func testClassConditionedDiTMatchesReference() throws {
        try checkCase("labels", conditioning: .classLabels(count: 5)) { .labels($0) }
    }

    func testCaptionConditionedDiTWithCrossAttentionMatchesReference() throws {
        try checkCase("captions", conditioning: .captions(vocabulary: 7, length: 4, crossAttention: true)) { .captions($0) }
    }

    func testParameterNamesAreTheReferenceNames() throws {
        var generator = RandomGenerator(seed: 0)
        let model = try DiT(configuration: .init(imageSize: 8, patchSize: 2, width: 8, depth: 2, heads: 2,
                                                 conditioning: .classLabels(count: 5)), generator: &generator)
        XCTAssertEqual(Set(model.stateDict().keys), Set(try load("labels/weights").keys))
        XCTAssertEqual(Set(model.stateDict().keys.filter { $0.hasPrefix("t_embedder") }),
                       ["t_embedder.mlp.0.weight", "t_embedder.mlp.0.bias", "t_embedder.mlp.2.weight", "t_embedder.mlp.2.bias"])
        XCTAssertEqual(model.stateDict()["x_embedder.proj.weight"]?.shape, [8, 3, 2, 2])
        XCTAssertFalse(model.trainableParameters().contains { $0.name == "pos_embed" })
    }
}

/// `max |actual - expected| / max |expected|`.
func relativeError(_ actual: Tensor, _ expected: Tensor) -> Double {
    precondition(actual.shape == expected.shape, "shapes \(actual.shape) and \(expected.shape) differ")
    let scale = expected.doubles.map { abs($0) }.max() ?? 0
    let difference = zip(actual.doubles, expected.doubles).map { abs($0 - $1) }.max() ?? 0
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
