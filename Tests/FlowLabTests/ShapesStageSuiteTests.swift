import FlowData
import FlowModels
import Foundation
import XCTest
@testable import FlowLab

/// `shapes_t2i` and `shapes_clipscore`, the suites on cached evaluator networks, on real `shapes` renders.
///
/// Their scores use the tiny reader and encoder that `SceneReaderEvaluationTests` and `ShapesCLIPEvaluationTests`
/// train once per test process; `prepare` is tested with two-step trainings in a temporary stage cache.
final class ShapesStageSuiteTests: XCTestCase {
    typealias Support = EvaluatorSuiteTestSupport

    /// A two-step reader training at 16 px: enough to exercise the stage cache, not to read.
    static let tinyReader = SceneReaderTraining(reader: SceneReaderConfiguration(imageSize: 16, hiddenWidth: 16, featureWidth: 4),
                                                steps: 2, batchSize: 4, objectCounts: [1], testCount: 8)
    /// A two-step encoder training at 16 px.
    static let tinyEncoder = ShapesCLIPTraining(
        encoder: ShapesCLIPConfiguration(imageSize: 16, cellHiddenWidth: 8, cellFeatureWidth: 4, textWidth: 8, textBlocks: 1,
                                         textHeads: 2, textLength: 12, embeddingWidth: 8),
        steps: 2, batchSize: 4, objectCounts: [1], testCount: 8)

    func testTextToImageScoresRealPromptsHighAndShuffledOnesAtChance() throws {
        let shapes = try SceneReaderEvaluationTests.training.shapesConfiguration()
        let held = try ShapesConfiguration(imageSize: 32, objectCounts: [1], holdout: [ShapeComposition(color: .blue, shape: .triangle)])
        let test = Support.renders(shapes, .test, 0..<240), validation = Support.renders(shapes, .val, 0..<240)
        let suite = ShapesTextToImageSuite(reader: try SceneReaderEvaluationTests.reader())
        let context = Support.context(shapes: held)
        let own = try suite.evaluate(Support.input(images: validation.pixels, prompts: validation.scenes, reference: test, shapes: held),
                                     context: context)
        let distribution = ["fid_shapes", "kid_shapes_mean", "kid_shapes_std", "precision_shapes", "recall_shapes", "density_shapes",
                            "coverage_shapes"]
        let scene = ["shape_accuracy", "color_accuracy", "size_accuracy", "position_accuracy", "object_accuracy",
                     "exact_scene_accuracy", "scenes"]
        XCTAssertEqual(own?.map(\.name), distribution + scene.map { "t2i_" + $0 } + scene.map { "t2i_heldout_" + $0 })
        XCTAssertGreaterThan(try Support.value(own, "t2i_exact_scene_accuracy"), 0.85)
        XCTAssertGreaterThan(try Support.value(own, "precision_shapes"), 0.6)
        XCTAssertGreaterThan(try Support.value(own, "t2i_heldout_scenes"), 0)
        XCTAssertLessThan(try Support.value(own, "t2i_heldout_scenes"), 240)
        XCTAssertEqual(own?.first { $0.name == "fid_shapes" }?.higherIsBetter, false)
        XCTAssertEqual(own?.first { $0.name == "t2i_scenes" }?.higherIsBetter, nil)
        XCTAssertTrue(own!.allSatisfy { !$0.description.isEmpty })

        let shuffled = try suite.evaluate(Support.input(images: validation.pixels, prompts: validation.shuffledScenes, reference: test,
                                                        shapes: held), context: context)
        XCTAssertLessThan(try Support.value(shuffled, "t2i_exact_scene_accuracy"), 0.05)
        XCTAssertEqual(try Support.value(shuffled, "t2i_color_accuracy"), 1.0 / 6, accuracy: 0.08)
        // Without held-out compositions the held-out metrics are NaN (no prompt names one).
        let plain = try suite.evaluate(Support.input(images: validation.pixels, prompts: validation.scenes, reference: test, shapes: shapes),
                                       context: context)
        XCTAssertTrue(try Support.value(plain, "t2i_heldout_exact_scene_accuracy").isNaN)
    }

    func testTextToImagePrepareTrainsOnceIntoTheStageCacheAndChecksImageSizes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let shapes = try Self.tinyReader.shapesConfiguration()
        let lines = RecordedLines()
        let context = Support.context(shapes: shapes, stages: StageCache(root: root), lines: lines)
        var first = ShapesTextToImageSuite(training: Self.tinyReader)
        try first.prepare(context)
        XCTAssertTrue(lines.lines.contains { $0.contains("scene reader") && $0.contains("2/2") }, "no progress line: \(lines.lines)")
        let trainingLines = lines.lines.count
        var second = ShapesTextToImageSuite(training: Self.tinyReader)
        try second.prepare(context)
        let reuse = lines.lines.dropFirst(trainingLines)
        XCTAssertTrue(reuse.contains { $0.hasPrefix("scene reader: reusing stage") }, "\(reuse)")
        XCTAssertFalse(reuse.contains { $0.contains("training it once") || $0.contains("2/2") }, "\(reuse)")
        // The two-step reader reads nothing; the suite says so in the log.
        XCTAssertTrue(reuse.contains { $0.hasPrefix("shapes_t2i: warning: this scene reader reads only") }, "\(reuse)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") }.count, 1)

        let test = Support.renders(shapes, .test, 0..<8)
        let metrics = try second.evaluate(Support.input(images: test.pixels, prompts: test.scenes, reference: test), context: context)
        XCTAssertEqual(metrics?.count, 21)
        let large = Support.renders(try ShapesConfiguration(imageSize: 32, objectCounts: [1]), .test, 0..<8)
        Support.assertSuiteError(try second.evaluate(Support.input(images: large.pixels, prompts: large.scenes, reference: large),
                                                     context: context),
                                 startsWith: "eval.metrics: shapes_t2i: configuration cfg_w1: the scene reader reads 16 px images "
                                     + "but the configuration's images are 32 px")
        var mismatched = ShapesTextToImageSuite(training: Self.tinyReader)
        Support.assertSuiteError(try mismatched.prepare(Support.context(shapes: try ShapesConfiguration(imageSize: 32))),
                                 startsWith: "eval.metrics: shapes_t2i: the scene reader reads 16 px images but the data's images are 32 px")
        var unshaped = ShapesTextToImageSuite()
        Support.assertSuiteError(try unshaped.prepare(Support.context(shapes: nil)),
                                 startsWith: "eval.metrics: shapes_t2i: scores shapes data, but the data set is not shapes")
        // The default training is the one `flowlab eval images` uses, so both share one stage.
        XCTAssertEqual(try StageCache.key(kind: "scene_reader", configuration: SceneReaderStage.standardTraining(imageSize: 32)),
                       try StageCache.key(kind: "scene_reader", configuration: SceneReaderTraining()))
    }

    func testCLIPScoreOfRealPromptsIsAboveShuffledOnes() throws {
        let shapes = try ShapesCLIPEvaluationTests.training.shapesConfiguration()
        let test = Support.renders(shapes, .test, 1_000..<1_200)
        let suite = ShapesCLIPScoreSuite(encoder: try ShapesCLIPEvaluationTests.encoder())
        let context = Support.context(shapes: shapes)
        let own = try suite.evaluate(Support.input(images: test.pixels, prompts: test.scenes, reference: test), context: context)
        let shuffled = try suite.evaluate(Support.input(images: test.pixels, prompts: test.shuffledScenes, reference: test), context: context)
        XCTAssertEqual(own?.map(\.name), ["clipscore_hessel_shapes", "clipscore_x100_shapes"])
        XCTAssertGreaterThan(try Support.value(own, "clipscore_hessel_shapes"), try Support.value(shuffled, "clipscore_hessel_shapes") + 0.5)
        XCTAssertGreaterThan(try Support.value(own, "clipscore_x100_shapes"), try Support.value(shuffled, "clipscore_x100_shapes") + 20)
        XCTAssertTrue(own!.allSatisfy { $0.description.contains("not OpenAI CLIP") && $0.higherIsBetter == true })
    }

    func testCLIPScorePrepareTrainsOnceAndChecksImageSizes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let shapes = try Self.tinyEncoder.shapesConfiguration()
        let lines = RecordedLines()
        let context = Support.context(shapes: shapes, stages: StageCache(root: root), lines: lines)
        var suite = ShapesCLIPScoreSuite(training: Self.tinyEncoder)
        try suite.prepare(context)
        XCTAssertTrue(lines.lines.contains { $0.contains("shapes CLIP") && $0.contains("training it once") }, "\(lines.lines)")
        let test = Support.renders(shapes, .test, 0..<6)
        XCTAssertEqual(try suite.evaluate(Support.input(images: test.pixels, prompts: test.scenes, reference: test), context: context)?.count, 2)
        Support.assertSuiteError(try suite.evaluate(Support.input(images: test.pixels, prompts: nil, reference: test), context: context),
                                 startsWith: "eval.metrics: shapes_clipscore: configuration cfg_w1: the configuration has no text prompts")
        var mismatched = ShapesCLIPScoreSuite(training: Self.tinyEncoder)
        Support.assertSuiteError(try mismatched.prepare(Support.context(shapes: try ShapesConfiguration(imageSize: 64))),
                                 startsWith: "eval.metrics: shapes_clipscore: the shapes CLIP encoder reads 16 px images but the data's images are 64 px")
    }
}
