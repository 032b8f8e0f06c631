import Foundation
import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// The CrossFlows networks against PyTorch models of the same structure and names, from
/// `Scripts/fixtures/crossflows_reference.py` (SD3 MM-DiT image flow, cross-attending caption flow, random non-zero
/// adaLN weights): the state dict loads by name; velocity, logits and every parameter gradient match.
final class CrossFlowsParityTests: XCTestCase {
    static let configuration = CrossFlowsConfiguration(
        imageSize: 8, patchSize: 2, channels: 3, width: 8, depth: 2, heads: 2, captionLength: 3, vocabulary: 6,
        captionWidth: 12, captionDepth: 2, captionHeads: 2, encoderPatchSize: 4, frequencyEmbeddingSize: 32)

    private func fixture() throws -> SafetensorsFile {
        try SafetensorsFile(url: ModelFixtures.url("crossflows/crossflows_reference.safetensors.fixture"))
    }

    /// Loads the weights into a fresh model, runs it on the fixture's inputs (row 1's caption dropped), backpropagates
    /// `sum(velocity · R) + sum(logits · S)` and compares the outputs and every stored gradient.
    func testVelocityLogitsAndGradientsMatchPyTorch() throws {
        let file = try fixture()
        let captions = try file.integers("inputs.captions").map { Int($0) }
        let dropped = try file.integers("inputs.dropped").map { $0 != 0 }
        XCTAssertEqual(dropped, [false, true, false])
        let gradientNames = file.names.filter { $0.hasPrefix("gradients.") }
        for (dtype, tolerance) in [(DType.float32, 1e-5), (.float64, 1e-6)] {
            var generator = RandomGenerator(seed: 0)
            let model = try CrossFlowsModel(configuration: Self.configuration, dtype: dtype, generator: &generator)
            // The fixed sin-cos tables are computed here, not loaded: they must equal the reference's already.
            assertClose(model.imageModel.positions, try file.tensor("weights.image_model.pos_embed"), tolerance: 1e-6)
            assertClose(model.captionModel.imageEncoder.positions,
                        try file.tensor("weights.caption_model.image_embedder.pos_embed"), tolerance: 1e-6)
            try model.loadSafetensors(file, prefix: "weights.")   // strict: every name must match, none left over
            let images = try file.tensor("inputs.images", dtype: dtype)
            images.requiresGrad = true
            let (velocity, logits) = model(images: images, captions: captions, t: try file.tensor("inputs.t", dtype: dtype),
                                           captionDropped: dropped)
            assertClose(velocity, try file.tensor("velocity"), tolerance: tolerance, "\(dtype) velocity")
            assertClose(logits, try file.tensor("logits"), tolerance: tolerance, "\(dtype) logits")
            let loss = (velocity * (try file.tensor("velocity_projection", dtype: dtype))).sum()
                + (logits * (try file.tensor("logits_projection", dtype: dtype))).sum()
            loss.backward()
            let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.tensor) })
            var worst = max(relativeError(velocity, try file.tensor("velocity")), relativeError(logits, try file.tensor("logits")))
            for key in gradientNames {
                let name = String(key.dropFirst("gradients.".count))
                guard let gradient = (name == "images" ? images : parameters[name])?.grad else {
                    XCTFail("no gradient for \(name)")
                    continue
                }
                let expected = try file.tensor(key)
                assertClose(gradient, expected, tolerance: tolerance, "\(dtype) gradient of \(name)")
                worst = max(worst, relativeError(gradient, expected))
            }
            XCTAssertEqual(gradientNames.count, model.trainableParameters().count + 1, "every trained parameter and the images")
            print("CrossFlows \(dtype): worst relative error \(worst) over velocity, logits and \(gradientNames.count) gradients")
        }
    }

    /// The names are SD3's MM-DiT names for the image flow; the last block's text stream is pre-only.
    func testParameterNamesFollowStableDiffusion3() throws {
        var generator = RandomGenerator(seed: 0)
        let model = try CrossFlowsModel(configuration: Self.configuration, generator: &generator)
        let names = Set(model.stateDict().keys)
        XCTAssertEqual(names, Set(try fixture().names.filter { $0.hasPrefix("weights.") }.map { String($0.dropFirst(8)) }))
        for name in ["image_model.x_embedder.proj.weight", "image_model.t_embedder.mlp.2.bias",
                     "image_model.context_embedder.embedding_table.weight", "image_model.context_embedder.pos_embed",
                     "image_model.joint_blocks.0.context_block.attn.proj.weight",
                     "image_model.joint_blocks.1.x_block.adaLN_modulation.1.weight",
                     "image_model.joint_blocks.1.context_block.attn.qkv.weight", "image_model.final_layer.linear.weight",
                     "caption_model.blocks.1.cross_attn.kv_linear.weight", "caption_model.image_embedder.proj.weight",
                     "caption_model.final_layer.linear.bias"] {
            XCTAssertTrue(names.contains(name), name)
        }
        XCTAssertFalse(names.contains("image_model.joint_blocks.1.context_block.attn.proj.weight"), "pre-only: no proj")
        XCTAssertFalse(names.contains("image_model.joint_blocks.1.context_block.mlp.fc1.weight"), "pre-only: no mlp")
        XCTAssertEqual(model.stateDict()["image_model.joint_blocks.1.context_block.adaLN_modulation.1.weight"]?.shape, [16, 8])
        XCTAssertEqual(model.stateDict()["image_model.context_embedder.embedding_table.weight"]?.shape, [7, 8], "6 ids + null")
        let trained = Set(model.trainableParameters().map(\.name))
        XCTAssertFalse(trained.contains("image_model.pos_embed"), "the sin-cos table is not trained")
        XCTAssertFalse(trained.contains("caption_model.image_embedder.pos_embed"), "the sin-cos table is not trained")
        XCTAssertTrue(trained.contains("caption_model.x_embedder.pos_embed"), "caption positions are learned")
    }

    /// adaLN-Zero: a fresh model predicts zero velocity and uniform (zero) logits, whatever its inputs.
    func testFreshModelStartsAtZero() throws {
        var generator = RandomGenerator(seed: 1)
        let model = try CrossFlowsModel(configuration: Self.configuration, generator: &generator)
        let (velocity, logits) = model(images: generator.normalTensor([2, 8, 8, 3]), captions: [0, 1, 5, 2, 3, 4],
                                       t: generator.uniformTensor([2]))
        XCTAssertEqual(velocity.shape, [2, 8, 8, 3])
        XCTAssertEqual(logits.shape, [2, 3, 6])
        XCTAssertEqual(velocity.doubles.map(abs).max(), 0)
        XCTAssertEqual(logits.doubles.map(abs).max(), 0)
        XCTAssertThrowsError(try CrossFlowsModel(configuration: .init(imageSize: 8, patchSize: 3, width: 6, depth: 0, heads: 4,
                                                                       captionLength: 0, vocabulary: 2, captionWidth: 8,
                                                                       captionDepth: 1, captionHeads: 3),
                                                 generator: &generator)) { error in
            XCTAssertEqual((error as? CrossFlowsError)?.problems.count, 7, "\(error)")
        }
    }
}
