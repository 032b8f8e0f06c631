import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// The gradients of FlowTok's new losses (both KL forms, the contrastive loss with its learned τ, the cosine loss
/// with a margin, both alignment targets) against central finite differences, in float64.
final class FlowTokGradientTests: XCTestCase {
    private func input(_ shape: [Int], scale: Double = 1, seed: UInt64) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        let x = generator.normalTensor(shape, dtype: .float64) * scale
        x.requiresGrad = true
        return x
    }

    func testLatentKLGradients() {
        let mean = input([2, 3, 4], scale: 2, seed: 1), logVariance = input([2, 3, 4], seed: 2)
        for kind in LatentKL.allCases {
            let error = GradientCheck.maximumError(inputs: [mean, logVariance]) { values in
                kind(DiagonalGaussian(moments: Tensor.concatenate([values[0], values[1]], axis: -1)))
            }
            XCTAssertLessThan(error, 1e-6, "\(kind)")
        }
    }

    func testAlignmentLossGradients() throws {
        for target in TextAlignmentTarget.allCases {
            for loss in TextAlignmentLoss.allCases {
                var generator = RandomGenerator(seed: 3)
                let alignment = try TextAlignment(featureWidth: 8, latentChannels: 2, target: target, loss: loss, margin: 0.9,
                                                  hiddenWidth: 6, dtype: .float64, generator: &generator)
                let z = input([4, 3, 2], seed: 4), features = input([4, 3, 8], seed: 5)
                var inputs = [z, features]
                if let logScale = alignment.logScale { inputs.append(logScale) }
                let error = GradientCheck.maximumError(inputs: inputs) { values in alignment(values[0], features: values[1]) }
                XCTAssertLessThan(error, 1e-6, "\(target) \(loss)")
            }
        }
    }

    func testRotaryBlockGradientsReachEveryToken() throws {
        var generator = RandomGenerator(seed: 6)
        let block = SwiGLUTransformerBlock(width: 8, heads: 2, dtype: .float64, generator: &generator)
        let rotary = RotaryEmbedding(dimension: 4, height: 2, width: 2, unrotated: 2)
        let x = input([2, 6, 8], seed: 7)
        let error = GradientCheck.maximumError(inputs: [x]) { block($0[0], rotary: rotary).slice(axis: 1, 4..<6) }
        XCTAssertLessThan(error, 1e-6, "the latent tokens' outputs depend on the patch tokens through RoPE attention")
    }
}
