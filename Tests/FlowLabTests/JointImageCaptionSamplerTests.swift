import FlowTensor
import XCTest
@testable import FlowLab

/// Every joint sampling configuration runs end to end on an untrained tiny model and keeps what it promises.
final class JointImageCaptionSamplerTests: XCTestCase {
    func testEveryGuidanceSamplesImagesAndCaptions() throws {
        let guidances = ["{name: cross, cfg_scale: 2.0}", "{name: frozen_prompt}", "{name: unconditional}", "{name: image_to_text}"]
        for guidance in guidances {
            let spec = try ExperimentRunner.loadValidated(file: CrossFlowsSetupTests.spec, overrides: CrossFlowsSetupTests.small + [
                "model.image_width=32", "model.image_depth=1", "model.caption_width=32", "model.caption_depth=1", "sample.steps=3",
                "variants.t2i.sample.guidance=\(guidance)", "variants.t2i.eval.metrics=[shapes_i2t]",
            ])
            let setup = try ModalitySetup(spec: try spec.variant(named: "t2i"))
            var generator = RandomGenerator(seed: 3)
            let network = try setup.makeNetwork(generator: &generator)
            let prompts = try ReferenceExamples(source: setup.data.test, rows: Array(0..<6), knowsScenes: true, generator: &generator)
            var batches = 0
            let sampler = JointImageCaptionSampler(setup: setup, variant: "t2i", stop: nil, batchSize: 4)
            let sampled = try XCTUnwrap(sampler.sample(network: network, prompts: prompts, seed: 1, advance: { batches += 1 }), guidance)
            XCTAssertEqual(batches, 2, guidance)
            let configuration = try XCTUnwrap(sampled.first, guidance)
            XCTAssertEqual(configuration.pixels.count, 6 * 16 * 16 * 3, guidance)
            XCTAssertEqual(configuration.captions?.count, 6, guidance)
            XCTAssertEqual(configuration.captionTokens?.count, 6 * setup.data.captionLength, guidance)
            XCTAssertTrue(configuration.captionTokens!.allSatisfy { (0..<setup.data.tokenizer.vocabularySize).contains($0) }, guidance)
            let imageToText = guidance.contains("image_to_text")
            XCTAssertEqual(configuration.imagesGenerated, !imageToText, guidance)
            XCTAssertEqual(configuration.prompts != nil, setup.prompted, guidance)
            if imageToText { XCTAssertEqual(configuration.pixels, prompts.pixels, "image to text holds the test images") }
            if guidance.contains("frozen_prompt") {
                XCTAssertEqual(configuration.captionTokens, setup.data.tokenizer.encodeBatch(prompts.prompts, length: setup.data.captionLength),
                               "a frozen prompt never changes")
            }
        }
    }
}
