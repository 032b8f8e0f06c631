import Foundation
import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// FlowTok's modules loaded from safetensors by name, against the PyTorch reference that wrote them
/// (Scripts/reference/flowtok_model.py via Scripts/fixtures/flowtok_make_fixture.py: random weights, non-trivial
/// LayerNorms, PyTorch's default init so the DiT's adaLN paths are not zero).
final class FlowTokParityTests: XCTestCase {
    private func files(_ name: String) throws -> (weights: SafetensorsFile, io: SafetensorsFile) {
        (try SafetensorsFile(url: ModelFixtures.url("flowtok/\(name).safetensors.fixture")),
         try SafetensorsFile(url: ModelFixtures.url("flowtok/\(name)_io.safetensors.fixture")))
    }

    func testImageTokenizerEncodesAndDecodesAsPyTorch() throws {
        let (weights, io) = try files("tokenizer")
        var generator = RandomGenerator(seed: 0)
        let tokenizer = try ImageTokenizer(configuration: .init(imageSize: 8, patchSize: 2, width: 32, depth: 2, heads: 4,
                                                                latentTokens: 6, latentChannels: 4), generator: &generator)
        try tokenizer.loadSafetensors(weights)
        let posterior = withNoGradient { tokenizer.encode(try! io.tensor("images")) }
        XCTAssertEqual(posterior.mean.shape, [2, 6, 4])
        XCTAssertLessThan(maximumAbsoluteDifference(posterior.mean, try io.tensor("mean")), 1e-4)
        XCTAssertLessThan(maximumAbsoluteDifference(posterior.logVariance, try io.tensor("logvar")), 1e-4)
        let decoded = withNoGradient { tokenizer.decode(try! io.tensor("mean")) }
        XCTAssertEqual(decoded.shape, [2, 8, 8, 3])
        XCTAssertLessThan(maximumAbsoluteDifference(decoded, try io.tensor("decoded")), 1e-4)
    }

    func testTextProjectorMatchesPyTorch() throws {
        let (weights, io) = try files("projector")
        var generator = RandomGenerator(seed: 0)
        let projector = try TextProjector(featureWidth: 24, depth: 2, heads: 4, hiddenWidth: 48, latentChannels: 4, generator: &generator)
        try projector.loadSafetensors(weights)
        let posterior = withNoGradient { projector(try! io.tensor("features")) }
        XCTAssertLessThan(maximumAbsoluteDifference(posterior.mean, try io.tensor("mean")), 1e-4)
        XCTAssertLessThan(maximumAbsoluteDifference(posterior.logVariance, try io.tensor("logvar")), 1e-4)
    }

    func testFlowTokDiTWithIndicatorMatchesPyTorch() throws {
        let (weights, io) = try files("dit")
        var generator = RandomGenerator(seed: 0)
        let dit = try FlowTokDiT(configuration: .init(tokens: 6, channels: 4, width: 32, depth: 2, heads: 4), generator: &generator)
        try dit.loadSafetensors(weights)
        let v = withNoGradient { dit(try! io.tensor("x"), t: try! io.tensor("t"), isNull: [false, true]) }
        XCTAssertEqual(v.shape, [2, 6, 4])
        XCTAssertLessThan(maximumAbsoluteDifference(v, try io.tensor("v")), 1e-4)
        let flipped = withNoGradient { dit(try! io.tensor("x"), t: try! io.tensor("t"), isNull: [true, true]) }
        XCTAssertGreaterThan(maximumAbsoluteDifference(flipped, try io.tensor("v")), 1e-3, "the indicator changes the velocity")
    }

    func testTextDecoderMatchesPyTorch() throws {
        let (weights, io) = try files("decoder")
        var generator = RandomGenerator(seed: 0)
        let decoder = try TextDecoder(tokens: 6, latentChannels: 4, width: 32, depth: 1, heads: 4, vocabulary: 11, generator: &generator)
        try decoder.loadSafetensors(weights)
        let logits = withNoGradient { decoder(try! io.tensor("z")) }
        XCTAssertLessThan(maximumAbsoluteDifference(logits, try io.tensor("logits")), 1e-4)
    }

    func testAlignmentTargetsLossesAndKLMatchPyTorch() throws {
        let (weights, io) = try files("alignment")
        let z = try io.tensor("z"), features = try io.tensor("features")
        var generator = RandomGenerator(seed: 0)
        func alignment(_ target: TextAlignmentTarget, _ loss: TextAlignmentLoss) throws -> TextAlignment {
            try TextAlignment(featureWidth: 24, latentChannels: 4, target: target, loss: loss, margin: 0.5, hiddenWidth: 32,
                              generator: &generator)
        }
        let mlp = try alignment(.mlp, .contrastive)
        try mlp.loadSafetensors(weights)
        let mlpCosine = try alignment(.mlp, .cosine)
        try mlpCosine.loadSafetensors(weights, ignoring: { $0 == "logit_scale" })
        let pooled = try alignment(.averagePool, .contrastive), pooledCosine = try alignment(.averagePool, .cosine)
        withNoGradient {
            XCTAssertLessThan(maximumAbsoluteDifference(mlp.targets(features), try! io.tensor("mlp_targets")), 1e-5)
            XCTAssertLessThan(maximumAbsoluteDifference(pooled.targets(features), try! io.tensor("avg_pool_targets")), 1e-5)
            for (name, module) in [("mlp_contrastive", mlp), ("mlp_cosine", mlpCosine), ("avg_pool_contrastive", pooled),
                                   ("avg_pool_cosine", pooledCosine)] {
                XCTAssertEqual(module(z, features: features).item, Double(try! io.tensor(name).floats[0]), accuracy: 1e-4, name)
            }
            let posterior = DiagonalGaussian(moments: Tensor.concatenate([z * 3, try! io.tensor("logvar")], axis: -1))
            for kind in LatentKL.allCases {
                XCTAssertEqual(kind(posterior).item, Double(try! io.tensor("kl_\(kind.rawValue)").floats[0]), accuracy: 1e-4, "\(kind)")
            }
        }
    }
}
