import FlowTensor
import XCTest
@testable import FlowNN

/// Finite-difference gradient checks (float64) for every layer, with respect to inputs and parameters.
final class LayerGradientTests: XCTestCase {
    private var generator = RandomGenerator(seed: 11, stream: "layers")

    func testLinear() {
        let layer = Linear(3, 4, dtype: .float64, generator: &generator)
        let x = gradientInput([2, 5, 3])
        assertGradientsMatch(layer, inputs: [x]) { layer(x) }
        let vector = gradientInput([3])
        assertGradientsMatch(layer, inputs: [vector]) { layer(vector) }
        let noBias = Linear(3, 2, bias: false, dtype: .float64, generator: &generator)
        XCTAssertNil(noBias.bias)
        assertGradientsMatch(noBias, inputs: [x]) { noBias(x) }
    }

    func testLayerNorm() {
        let norm = LayerNorm(6, dtype: .float64)
        var random = RandomGenerator(seed: 5)
        norm.weight!.assign(random.normalTensor([6], dtype: .float64))
        norm.bias!.assign(random.normalTensor([6], dtype: .float64))
        let x = gradientInput([2, 3, 6])
        assertGradientsMatch(norm, inputs: [x]) { norm(x) }
        let plain = LayerNorm(6, epsilon: 1e-6, affine: false, dtype: .float64)
        XCTAssertEqual(plain.parameterCount, 0)
        assertGradientsMatch(nil, inputs: [x]) { plain(x) }
    }

    func testEmbedding() {
        let embedding = Embedding(count: 5, width: 3, dtype: .float64, generator: &generator)
        assertGradientsMatch(embedding) { embedding([4, 0, 4, 2, 1, 1], shape: [2, 3]) }
        XCTAssertEqual(embedding([1, 2]).shape, [2, 3])
        XCTAssertEqual(embedding([3]).doubles, Array(embedding.weight.doubles[9..<12]))
    }

    func testMLPWithEveryActivation() {
        let x = gradientInput([2, 3, 4])
        for activation in ActivationFunction.allCases {
            let mlp = MLP(inputWidth: 4, hiddenWidth: 6, outputWidth: 3, activation: activation, dtype: .float64,
                          generator: &generator)
            assertGradientsMatch(mlp, inputs: [x]) { mlp(x) }
        }
    }

    func testSwiGLU() {
        let layer = SwiGLU(inputWidth: 4, hiddenWidth: 6, dtype: .float64, generator: &generator)
        let x = gradientInput([2, 3, 4])
        assertGradientsMatch(layer, inputs: [x]) { layer(x) }
        // fc2(silu(fc1_g x) * fc1_x x), computed by hand.
        let manual = layer.output(layer.gate(x).silu() * layer.value(x))
        assertClose(layer(x), manual, tolerance: 0)
    }

    func testSequentialAndActivation() {
        let model = Sequential([
            Linear(2, 5, dtype: .float64, generator: &generator), Activation(.geluErf),
            Linear(5, 2, dtype: .float64, generator: &generator), Activation(.tanh),
        ])
        let x = gradientInput([4, 2])
        assertGradientsMatch(model, inputs: [x]) { model(x) }
    }

    func testSinusoidalTimeEmbeddingWithMLP() {
        let embedder = SinusoidalTimeEmbedding(dimension: 7, maxPeriod: 100, outputWidth: 4, dtype: .float64,
                                               generator: &generator)
        let t = gradientInput([3])
        assertGradientsMatch(embedder, inputs: [t]) { embedder(t) }
    }

    func testAdaLNModulationAndModulate() {
        let adaLN = AdaLNModulation(conditionWidth: 5, width: 4, chunks: 3, zeroInitialized: false, dtype: .float64,
                                    generator: &generator)
        let c = gradientInput([2, 5], seed: 2)
        let x = gradientInput([2, 3, 4], seed: 3)
        assertGradientsMatch(adaLN, inputs: [c, x]) {
            let m = adaLN(c)
            return x + m[2].unsqueezed(1) * modulate(x, shift: m[0], scale: m[1])
        }
    }

    func testAdaLNZeroStartsAtZeroAndModulateIsIdentity() {
        let adaLN = AdaLNModulation(conditionWidth: 5, width: 4, generator: &generator)
        let chunks = adaLN(gradientInput([2, 5]).converted(to: .float32))
        XCTAssertEqual(chunks.count, 6)
        XCTAssertTrue(chunks.allSatisfy { $0.shape == [2, 4] && $0.floats.allSatisfy { $0 == 0 } })
        let x = Tensor(shape: [2, 1, 4], scalars: (0..<8).map { Float($0) })
        XCTAssertEqual(modulate(x, shift: chunks[0], scale: chunks[1]).floats, x.floats)
        let shift = Tensor(shape: [2, 4], scalars: [Float](repeating: 1, count: 8))
        let scale = Tensor(shape: [2, 4], scalars: [Float](repeating: 1, count: 8))
        XCTAssertEqual(modulate(x, shift: shift, scale: scale).floats, x.floats.map { 2 * $0 + 1 })
    }
}
