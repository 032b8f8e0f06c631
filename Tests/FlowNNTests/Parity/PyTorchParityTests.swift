import FlowTensor
import XCTest
@testable import FlowNN

/// Forward outputs and gradients against PyTorch, from `Scripts/fixtures/nn_transformer_block.py`.
final class PyTorchParityTests: XCTestCase {
    /// Runs `forward` on the fixture's inputs, backpropagates `sum(output * projection)` and compares everything.
    private func checkCase(_ group: String, module: Module, dtype: DType, tolerance: Double,
                           file: StaticString = #filePath, line: UInt = #line,
                           forward: ([String: Tensor]) -> Tensor) throws {
        try module.loadStateDict(Fixtures.transformerBlock("\(group)/weights"))
        let inputs = try Fixtures.transformerBlock("\(group)/inputs").mapValues { tensor -> Tensor in
            let leaf = tensor.converted(to: dtype)
            leaf.requiresGrad = true
            return leaf
        }
        let expectedGradients = try Fixtures.transformerBlock("\(group)/gradients")
        let reference = try Fixtures.transformerBlock(group)
        let output = forward(inputs)
        assertClose(output, reference["output"]!, tolerance: tolerance, "\(group) output", file: file, line: line)
        (output * reference["projection"]!.converted(to: dtype)).sum().backward()
        let named = module.namedParameters() + inputs.map { ($0.key, $0.value) }
        XCTAssertEqual(Set(named.map(\.0)), Set(expectedGradients.keys), file: file, line: line)
        var worst = relativeError(output, reference["output"]!)
        for (name, tensor) in named {
            guard let gradient = tensor.grad, let expected = expectedGradients[name] else {
                XCTFail("no gradient for \(name)", file: file, line: line)
                continue
            }
            assertClose(gradient, expected, tolerance: tolerance, "\(group) gradient of \(name)", file: file, line: line)
            worst = max(worst, relativeError(gradient, expected))
        }
        print("\(group) \(dtype): worst relative error \(worst) over output and \(named.count) gradients")
    }

    func testTransformerBlockMatchesPyTorch() throws {
        for (dtype, tolerance) in [(DType.float32, 1e-4), (.float64, 1e-6)] {
            var generator = RandomGenerator(seed: 0)
            let block = TransformerBlock(width: 32, heads: 4, dtype: dtype, generator: &generator)
            try checkCase("transformer_block", module: block, dtype: dtype, tolerance: tolerance) { block($0["x"]!) }
        }
    }

    func testCrossAttentionBlockMatchesPyTorch() throws {
        let mask = try Fixtures.transformerBlock("cross_attention")["mask"]!
        for (dtype, tolerance) in [(DType.float32, 1e-4), (.float64, 1e-6)] {
            var generator = RandomGenerator(seed: 0)
            let block = CrossAttentionBlock(width: 32, contextWidth: 24, heads: 4, dtype: dtype, generator: &generator)
            try checkCase("cross_attention", module: block, dtype: dtype, tolerance: tolerance) {
                block($0["x"]!, context: $0["context"]!, mask: mask.converted(to: dtype))
            }
        }
    }

    func testSinusoidalTimeEmbeddingMatchesDiT() throws {
        let reference = try Fixtures.transformerBlock("time_embedding")
        let t = reference["t"]!
        for dimension in [16, 15] {
            let features = SinusoidalTimeEmbedding(dimension: dimension)(t.converted(to: .float64))
            assertClose(features, reference["dimension\(dimension)"]!, tolerance: 1e-6, "dimension \(dimension)")
        }
    }

    func testAdamWMatchesPyTorch() throws {
        let reference = try Fixtures.transformerBlock("adamw")
        let parameter = reference["initial"]!.copy()
        parameter.requiresGrad = true
        let optimizer = AdamW(parameters: [("p", parameter)], learningRate: 1e-2, betas: (0.9, 0.95), epsilon: 1e-8,
                              weightDecay: 0.1)
        let gradients = reference["gradients"]!.split([1, 1, 1, 1, 1], axis: 0)
        let expected = reference["parameters"]!.split([1, 1, 1, 1, 1], axis: 0)
        for step in 0..<5 {
            parameter.grad = gradients[step].reshaped([3, 4]).copy()
            optimizer.step()
            assertClose(parameter, expected[step].reshaped([3, 4]), tolerance: 1e-6, "step \(step + 1)")
        }
        let state = optimizer.optimizerState()
        assertClose(state["p.exp_avg"]!, reference["exp_avg"]!, tolerance: 1e-6)
        assertClose(state["p.exp_avg_sq"]!, reference["exp_avg_sq"]!, tolerance: 1e-6)
        XCTAssertEqual(state["p.step"]!.item, 5)
    }

    func testGradientClippingMatchesPyTorch() throws {
        let reference = try Fixtures.transformerBlock("clip")
        let a = Tensor.zeros([3, 2], requiresGrad: true), b = Tensor.zeros([4], requiresGrad: true)
        a.grad = reference["before/a"]!
        b.grad = reference["before/b"]!
        let unused = Tensor.zeros([2], requiresGrad: true)
        let norm = clipGradientNorm([a, b, unused], maxNorm: 0.5)
        XCTAssertEqual(norm, reference["norm"]!.item, accuracy: 1e-5)
        assertClose(a.grad!, reference["after/a"]!, tolerance: 1e-6)
        assertClose(b.grad!, reference["after/b"]!, tolerance: 1e-6)
        XCTAssertNil(unused.grad)
        // Below the threshold nothing changes.
        let before = a.grad!.floats
        XCTAssertEqual(clipGradientNorm([a, b], maxNorm: 10), 0.5, accuracy: 1e-5)
        XCTAssertEqual(a.grad!.floats, before)
    }
}
