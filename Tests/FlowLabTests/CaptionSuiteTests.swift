import FlowData
import FlowNN
import Foundation
import XCTest
@testable import FlowLab

/// `caption_metrics` and `shapes_i2t` on the captions of real `shapes` renders: each image's own caption against
/// its references and true scene scores high, another image's caption near chance.
final class CaptionSuiteTests: XCTestCase {
    typealias Support = EvaluatorSuiteTestSupport

    /// Test images whose references are their last four captions; the generated caption of each is its first one.
    private func data(count: Int = 200) throws -> (shapes: ShapesConfiguration, reference: Support.Renders, captions: [String]) {
        let shapes = try ShapesConfiguration(imageSize: 16, objectCounts: [1, 2], seed: 21)
        var reference = Support.renders(shapes, .test, 0..<count)
        let captions = reference.captions.map { $0[0] }
        reference.captions = reference.captions.map { Array($0.dropFirst()) }
        return (shapes, reference, captions)
    }

    private func requireMiniLM() throws {
        try PretrainedWeightsRequirement.require(.miniLM)
    }

    func testCaptionMetricsOfOwnCaptionsAreAboveOtherImagesCaptions() throws {
        let (shapes, reference, captions) = try data()
        var suite = CaptionMetricsSuite(includeSimilarity: false)
        let context = Support.context(shapes: shapes)
        try suite.prepare(context)
        let own = try suite.evaluate(Support.input(images: nil, prompts: nil, captions: captions, reference: reference), context: context)
        let other = try suite.evaluate(Support.input(images: nil, prompts: nil, captions: Array(captions[1...] + captions[..<1]),
                                                     reference: reference), context: context)
        XCTAssertEqual(own?.map(\.name), ["bleu_1", "bleu_2", "bleu_3", "bleu_4", "rouge_l", "cider"])
        for name in ["bleu_4", "rouge_l", "cider"] {
            XCTAssertGreaterThan(try Support.value(own, name), try Support.value(other, name) + 0.1, name)
        }
        XCTAssertGreaterThan(try Support.value(own, "cider"), 1)
        XCTAssertTrue(own!.allSatisfy { $0.higherIsBetter == true && $0.description.contains("pycocoevalcap") })
        // A caption that is one of its references scores BLEU-4 and ROUGE-L 1.
        let copied = try suite.evaluate(Support.input(images: nil, prompts: nil, captions: reference.captions.map { $0[0] },
                                                      reference: reference), context: context)
        XCTAssertEqual(try Support.value(copied, "bleu_4"), 1, accuracy: 1e-6)
        XCTAssertEqual(try Support.value(copied, "rouge_l"), 1, accuracy: 1e-9)
        Support.assertSuiteError(try suite.evaluate(Support.input(images: nil, prompts: nil, captions: Array(captions.prefix(3)),
                                                                  reference: reference), context: context),
                                 startsWith: "eval.metrics: caption_metrics: configuration cfg_w1: 3 generated captions but 200 reference images")
    }

    func testCaptionSimilarityOfOwnCaptionsIsAboveOtherImagesCaptions() throws {
        try requireMiniLM()
        let (shapes, reference, captions) = try data(count: 24)
        var suite = CaptionMetricsSuite()
        let context = Support.context(shapes: shapes)
        try suite.prepare(context)
        let own = try suite.evaluate(Support.input(images: nil, prompts: nil, captions: captions, reference: reference), context: context)
        let other = try suite.evaluate(Support.input(images: nil, prompts: nil, captions: Array(captions[1...] + captions[..<1]),
                                                     reference: reference), context: context)
        XCTAssertEqual(own?.map(\.name).suffix(2), ["caption_similarity", "caption_similarity_std"])
        XCTAssertGreaterThan(try Support.value(own, "caption_similarity"), 0.8)
        XCTAssertGreaterThan(try Support.value(own, "caption_similarity"), try Support.value(other, "caption_similarity") + 0.1)
        XCTAssertNil(own?.last?.higherIsBetter)
    }

    func testMissingMiniLMFailsInPrepareWithOneLineNamingTheFetch() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-weights-\(UUID().uuidString)")
        var suite = CaptionMetricsSuite(weightsRoot: empty)
        Support.assertSuiteError(try suite.prepare(Support.context(shapes: nil)), startsWith: "eval.metrics: caption_metrics: ")
        XCTAssertThrowsError(try suite.prepare(Support.context(shapes: nil))) { error in
            XCTAssertTrue("\(error)".contains("flowlab weights fetch minilm") && "\(error)".contains("make weights"), "\(error)")
        }
        var without = CaptionMetricsSuite(includeSimilarity: false, weightsRoot: empty)
        XCTAssertNoThrow(try without.prepare(Support.context(shapes: nil)))
    }

    func testImageToTextScoresOwnCaptionsPerfectlyAndOtherImagesCaptionsAtChance() throws {
        let (shapes, reference, captions) = try data(count: 600)
        var suite = ShapesImageToTextSuite()
        let context = Support.context(shapes: shapes)
        try suite.prepare(context)
        let own = try suite.evaluate(Support.input(images: nil, prompts: nil, captions: captions, reference: reference), context: context)
        let attributes = ["shape_accuracy", "color_accuracy", "size_accuracy", "position_accuracy", "object_accuracy",
                          "exact_scene_accuracy", "scenes"]
        XCTAssertEqual(own?.map(\.name), ["i2t_grammatical_rate"] + attributes.map { "i2t_" + $0 })
        XCTAssertEqual(try Support.value(own, "i2t_grammatical_rate"), 1)
        XCTAssertEqual(try Support.value(own, "i2t_exact_scene_accuracy"), 1)
        let other = try suite.evaluate(Support.input(images: nil, prompts: nil, captions: Array(captions[1...] + captions[..<1]),
                                                     reference: reference), context: context)
        XCTAssertEqual(try Support.value(other, "i2t_color_accuracy"), 1.0 / 6, accuracy: 0.06)
        XCTAssertLessThan(try Support.value(other, "i2t_exact_scene_accuracy"), 0.03)
        XCTAssertTrue(other!.first { $0.name == "i2t_color_accuracy" }!.description.contains("chance 1/6"))
        let nonsense = try suite.evaluate(Support.input(images: nil, prompts: nil, captions: captions.map { _ in "a dog on a sofa" },
                                                        reference: reference), context: context)
        XCTAssertEqual(try Support.value(nonsense, "i2t_grammatical_rate"), 0)
        XCTAssertEqual(try Support.value(nonsense, "i2t_shape_accuracy"), 0)

        var unscened = Support.input(images: nil, prompts: nil, captions: captions, reference: reference)
        unscened.referenceScenes = nil
        Support.assertSuiteError(try suite.evaluate(unscened, context: context),
                                 startsWith: "eval.metrics: shapes_i2t: configuration cfg_w1: the reference images come without their true scenes")
        var unshaped = ShapesImageToTextSuite()
        Support.assertSuiteError(try unshaped.prepare(Support.context(shapes: nil)),
                                 startsWith: "eval.metrics: shapes_i2t: scores shapes data, but the data set is not shapes")
    }
}
