import FlowData
import FlowMetrics
import FlowModels
import Foundation
import XCTest
@testable import FlowLab

/// `shapes_t2i`, `feature_metrics`, `shapes_pairs` and `shapes_clipscore`, the suites on cached evaluator networks,
/// on real `shapes` renders.
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

    func testFeatureMetricsAreTheDistributionMetricsOfShapesTextToImageWithoutPrompts() throws {
        let shapes = try SceneReaderEvaluationTests.training.shapesConfiguration()
        let test = Support.renders(shapes, .test, 0..<120), validation = Support.renders(shapes, .val, 0..<120)
        let reader = try SceneReaderEvaluationTests.reader()
        let context = Support.context(shapes: shapes)
        let unprompted = try ShapesFeatureMetricsSuite(reader: reader)
            .evaluate(Support.input("unconditional", images: validation.pixels, prompts: nil, reference: test, shapes: shapes), context: context)
        let prompted = try ShapesTextToImageSuite(reader: reader)
            .evaluate(Support.input(images: validation.pixels, prompts: validation.scenes, reference: test, shapes: shapes), context: context)
        XCTAssertEqual(unprompted?.map(\.name), ["fid_shapes", "kid_shapes_mean", "kid_shapes_std", "precision_shapes", "recall_shapes",
                                                 "density_shapes", "coverage_shapes"])
        // The same numbers and descriptions as the first seven of shapes_t2i.
        let distribution = try XCTUnwrap(prompted).prefix(7)
        XCTAssertEqual(unprompted?.map(\.value), distribution.map(\.value))
        XCTAssertEqual(unprompted?.map(\.description), distribution.map(\.description))
        XCTAssertTrue(unprompted!.allSatisfy { $0.description.contains("scene reader's penultimate features") })

        let suite = ShapesFeatureMetricsSuite(reader: reader)
        Support.assertSuiteError(try suite.evaluate(Support.input(images: nil, prompts: nil, reference: test), context: context),
                                 startsWith: "eval.metrics: feature_metrics: configuration cfg_w1: the configuration has no generated images")
        let small = Support.renders(try ShapesConfiguration(imageSize: 16, objectCounts: [1]), .test, 0..<4)
        Support.assertSuiteError(try suite.evaluate(Support.input(images: small.pixels, prompts: nil, reference: small), context: context),
                                 startsWith: "eval.metrics: feature_metrics: configuration cfg_w1: the scene reader reads 32 px images "
                                     + "but the configuration's images are 16 px")
        Support.assertSuiteError(try ShapesFeatureMetricsSuite().evaluate(Support.input(images: test.pixels, prompts: nil, reference: test),
                                                                          context: context),
                                 startsWith: "eval.metrics: feature_metrics: configuration cfg_w1: evaluated before prepare loaded the scene reader")
        var unshaped = ShapesFeatureMetricsSuite()
        Support.assertSuiteError(try unshaped.prepare(Support.context(shapes: nil)),
                                 startsWith: "eval.metrics: feature_metrics: scores shapes data, but the data set is not shapes")
        var mismatched = ShapesFeatureMetricsSuite(training: Self.tinyReader)
        Support.assertSuiteError(try mismatched.prepare(Support.context(shapes: shapes)),
                                 startsWith: "eval.metrics: feature_metrics: the scene reader reads 16 px images but the data's images are 32 px")
    }

    func testPairsOfRealRendersAreConsistentAndShuffledCaptionsAtChance() throws {
        let shapes = try SceneReaderEvaluationTests.training.shapesConfiguration()
        let test = Support.renders(shapes, .test, 0..<300)
        let captions = test.captions.map { $0[0] }
        let reader = try SceneReaderEvaluationTests.reader()
        let suite = ShapesPairSuite(reader: reader, dataConcepts: ShapesPairEvaluation.dataConcepts(shapes, count: 2_000))
        let context = Support.context(shapes: shapes)
        let real = try suite.evaluate(Support.input("joint", images: test.pixels, prompts: nil, captions: captions, reference: test),
                                      context: context)
        XCTAssertEqual(real?.map(\.name), ["pair_consistency", "caption_grammatical_rate", "concept_tv_images", "concept_tv_captions",
                                           "rare_mass_images", "rare_mass_captions", "rare_mass_data", "pairs", "pair_pixel_colour_agreement",
                                           "pair_pixel_cell_agreement"])
        XCTAssertGreaterThan(try Support.value(real, "pair_pixel_colour_agreement"), 0.9, "real pairs show their caption's colour")
        XCTAssertGreaterThan(try Support.value(real, "pair_pixel_cell_agreement"), 0.9, "real pairs show their caption's cell")
        // Real pairs are consistent exactly where the reader reads the image right (97% for the shared tiny reader).
        let readings = try ShapesImageEvaluation(reader: reader).read(test.pixels)
        let readRight = try TextToImageSceneMetrics.evaluate(readings: readings, prompts: test.scenes)["t2i_exact_scene_accuracy"]
        XCTAssertEqual(try Support.value(real, "pair_consistency"), try XCTUnwrap(readRight), accuracy: 1e-12)
        XCTAssertGreaterThan(try Support.value(real, "pair_consistency"), 0.95)
        XCTAssertEqual(try Support.value(real, "caption_grammatical_rate"), 1)
        XCTAssertLessThan(try Support.value(real, "concept_tv_images"), 0.2)
        XCTAssertLessThan(try Support.value(real, "concept_tv_captions"), 0.2)
        XCTAssertEqual(try Support.value(real, "rare_mass_captions"), try Support.value(real, "rare_mass_data"), accuracy: 0.1)
        XCTAssertEqual(try Support.value(real, "pairs"), 300)
        XCTAssertTrue(real!.allSatisfy { !$0.description.isEmpty })
        XCTAssertEqual(real?.first { $0.name == "concept_tv_images" }?.higherIsBetter, false)

        // Another image's caption: its concepts are the data's, but it describes the image only by chance (1/432 for one object).
        let shuffled = try suite.evaluate(Support.input("joint", images: test.pixels, prompts: nil,
                                                        captions: Array(captions[1...] + captions[..<1]), reference: test),
                                          context: context)
        XCTAssertLessThan(try Support.value(shuffled, "pair_consistency"), 0.02)
        XCTAssertLessThan(try Support.value(shuffled, "pair_pixel_colour_agreement"), 0.35, "chance is 1/6")
        XCTAssertLessThan(try Support.value(shuffled, "pair_pixel_cell_agreement"), 0.3, "chance is 1/9")
        XCTAssertEqual(try Support.value(shuffled, "concept_tv_captions"), try Support.value(real, "concept_tv_captions"))

        Support.assertSuiteError(try suite.evaluate(Support.input(images: test.pixels, prompts: nil, captions: Array(captions.prefix(5)),
                                                                  reference: test), context: context),
                                 startsWith: "eval.metrics: shapes_pairs: configuration cfg_w1: 300 generated images but 5 captions")
        Support.assertSuiteError(try suite.evaluate(Support.input(images: test.pixels, prompts: nil, reference: test), context: context),
                                 startsWith: "eval.metrics: shapes_pairs: configuration cfg_w1: the configuration has no generated captions")
        var unshaped = ShapesPairSuite()
        Support.assertSuiteError(try unshaped.prepare(Support.context(shapes: nil)),
                                 startsWith: "eval.metrics: shapes_pairs: scores shapes data, but the data set is not shapes")
    }

    func testPairsPrepareCountsTheDataConceptsOfTheRunsShapes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let shapes = try Self.tinyReader.shapesConfiguration()
        var suite = ShapesPairSuite(training: Self.tinyReader)
        try suite.prepare(Support.context(shapes: shapes, stages: StageCache(root: root)))
        // One object per training scene.
        XCTAssertEqual(suite.dataConcepts?.objectCount, ShapesPairSuite.dataSceneCount)
        let test = Support.renders(shapes, .test, 0..<6)
        let metrics = try suite.evaluate(Support.input(images: test.pixels, prompts: nil, captions: test.captions.map { $0[0] }, reference: test),
                                         context: Support.context(shapes: shapes))
        XCTAssertEqual(try Support.value(metrics, "pairs"), 6)
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
