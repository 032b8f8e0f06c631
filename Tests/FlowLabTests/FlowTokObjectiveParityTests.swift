import FlowMatching
import FlowModels
import FlowNN
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// FlowLab's FlowTok text-to-image objective on given draws against the PyTorch model the FlowTok benchmark serves
/// (Scripts/reference/flowtok_model.py's FlowTokFlow via Scripts/bench/flowtok_bench.py, fixture written by
/// Scripts/fixtures/flowtok_objective_make_fixture.py at a tiny size): the same weights and inputs give the same loss
/// and terms at step 0, and the same loss after one AdamW step, so the benchmark times the same computation on both
/// sides.
final class FlowTokObjectiveParityTests: XCTestCase {
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/flowtok")

    func testLossAndOneAdamWStepMatchTheBenchmarksPyTorchModel() throws {
        let weights = try SafetensorsFile(url: Self.folder.appendingPathComponent("objective.safetensors.fixture"))
        let io = try SafetensorsFile(url: Self.folder.appendingPathComponent("objective_io.safetensors.fixture"))
        var generator = RandomGenerator(seed: 0)
        let model = FlowTokFlowModel(
            dit: try FlowTokDiT(configuration: .init(tokens: 6, channels: 4, width: 32, depth: 2, heads: 4), generator: &generator),
            projector: try TextProjector(featureWidth: 24, depth: 1, heads: 4, hiddenWidth: 48, latentChannels: 4, generator: &generator),
            alignment: try TextAlignment(featureWidth: 24, latentChannels: 4, target: .mlp, loss: .contrastive, hiddenWidth: 32,
                                         generator: &generator))
        try model.loadSafetensors(weights)
        let draws = FlowTokDraws(textNoise: try io.tensor("noise"),
                                 assignment: CFGIndicatorAssignment(isNull: try io.tensor("is_null").floats.map { $0 == 1 },
                                                                    targetRows: try io.tensor("target_rows").floats.map { Int($0) }),
                                 t: try io.tensor("t"))
        XCTAssertEqual(draws.assignment.isNull.filter { $0 }.count, 3, "the fixture flags three rows")
        let objective = FlowTokObjective(klWeight: 0.01, alignmentWeight: 1, kl: .reference, cfgProbability: 0.1)
        let features = try io.tensor("features"), imageTokens = try io.tensor("image_tokens")
        let (loss, terms) = objective.loss(model: model, features: features, imageTokens: imageTokens, draws: draws)
        let expected = Double(try io.tensor("loss").floats[0])
        XCTAssertEqual(loss.item, expected, accuracy: 1e-4)
        for (name, value) in terms {
            XCTAssertEqual(value, Double(try io.tensor(name).floats[0]), accuracy: 1e-4, name)
        }

        loss.backward()
        let optimizer = AdamW(module: model, learningRate: 1e-3, weightDecay: 0)
        optimizer.step()
        let after = withNoGradient { objective.loss(model: model, features: features, imageTokens: imageTokens, draws: draws).loss.item }
        let expectedAfter = Double(try io.tensor("loss_after_step").floats[0])
        XCTAssertGreaterThan(abs(expectedAfter - expected), 0.1, "one step moves the loss")
        XCTAssertEqual(after, expectedAfter, accuracy: 1e-4)
    }
}
