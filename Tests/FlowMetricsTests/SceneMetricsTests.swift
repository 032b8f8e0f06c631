import FlowData
import XCTest
@testable import FlowMetrics

/// Exact scene metrics on hand-built `shapes` scenes: each attribute, held-out prompts, captions, pairs, concepts.
final class SceneMetricsTests: XCTestCase {
    let redCircle = ShapeObject(shape: .circle, color: .red, size: .small, cell: .topLeft)
    let blueTriangle = ShapeObject(shape: .triangle, color: .blue, size: .large, cell: .center)

    func testTallyScoresEachAttributeAndPairsMovedObjects() {
        let truth = ShapeScene([redCircle, blueTriangle])!
        var tally = SceneAttributeTally()
        // Right circle; the triangle drawn green in the right cell.
        var green = blueTriangle
        green.color = .green
        tally.add(predicted: [redCircle, green], truth: truth)
        XCTAssertEqual(tally.colorAccuracy, 0.5)
        XCTAssertEqual(tally.shapeAccuracy, 1)
        XCTAssertEqual(tally.objectAccuracy, 0.5)
        XCTAssertEqual(tally.exactSceneAccuracy, 0)
        // The circle drawn right but in the wrong cell: position wrong, other attributes right.
        var moved = redCircle
        moved.cell = .bottomRight
        var second = SceneAttributeTally()
        second.add(predicted: [moved], truth: ShapeScene([redCircle])!)
        XCTAssertEqual(second.positionAccuracy, 0)
        XCTAssertEqual(second.shapeAccuracy, 1)
        XCTAssertEqual(second.colorAccuracy, 1)
        XCTAssertEqual(second.objectAccuracy, 0)
        // An extra object spoils the exact scene but no object accuracy.
        var third = SceneAttributeTally()
        third.add(predicted: [redCircle, blueTriangle], truth: ShapeScene([redCircle])!)
        XCTAssertEqual(third.objectAccuracy, 1)
        XCTAssertEqual(third.exactSceneAccuracy, 0)
        // Nothing drawn: everything wrong.
        var fourth = SceneAttributeTally()
        fourth.addMissing(truth: truth)
        XCTAssertEqual(fourth.sizeAccuracy, 0)
        XCTAssertEqual(fourth.positionAccuracy, 0)
    }

    func testTextToImageSeparatesHeldOutPrompts() throws {
        let prompts = [ShapeScene([redCircle])!, ShapeScene([blueTriangle])!]
        var wrongSize = blueTriangle
        wrongSize.size = .small
        let results = try TextToImageSceneMetrics.evaluate(readings: [[redCircle], [wrongSize]], prompts: prompts,
                                                           heldOut: [ShapeComposition(color: .blue, shape: .triangle)])
        XCTAssertEqual(results["t2i_exact_scene_accuracy"], 0.5)
        XCTAssertEqual(results["t2i_size_accuracy"], 0.5)
        XCTAssertEqual(results["t2i_heldout_exact_scene_accuracy"], 0)
        XCTAssertEqual(results["t2i_heldout_scenes"], 1)
        XCTAssertThrowsError(try TextToImageSceneMetrics.evaluate(readings: [[]], prompts: prompts)) { error in
            XCTAssertTrue("\(error)".contains("1 image readings but 2 prompt scenes"))
        }
    }

    func testImageToTextCountsUngrammaticalCaptionsAsWrong() throws {
        let truths = [ShapeScene([redCircle])!, ShapeScene([redCircle])!, ShapeScene([blueTriangle])!]
        let captions = ["top left: a small red circle", "a red thing", "a small blue triangle in the center"]
        let results = try ImageToTextSceneMetrics.evaluate(captions: captions, truths: truths)
        XCTAssertEqual(results["i2t_grammatical_rate"]!, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(results["i2t_exact_scene_accuracy"]!, 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(results["i2t_color_accuracy"]!, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(results["i2t_size_accuracy"]!, 1.0 / 3, accuracy: 1e-12)
    }

    func testPairConsistencyAndConceptMetrics() throws {
        let greenSquare = ShapeObject(shape: .square, color: .green, size: .small, cell: .left)
        let data = ConceptDistribution(objects: Array(repeating: redCircle, count: 7) + [greenSquare, greenSquare, blueTriangle])
        // 21 absent concepts, the blue triangle (0.1) and the green square (0.2, crossing 20%).
        XCTAssertEqual(ConceptDistribution.rarestConcepts(of: data).count, 23)
        let readings = [[redCircle], [redCircle], [blueTriangle], [redCircle]]
        let captions = ["a small red circle in the top left", "the circle in the top left is small and red",
                        "a small blue triangle in the center", "nonsense"]
        let results = try JointPairMetrics.evaluate(readings: readings, captions: captions, data: data)
        XCTAssertEqual(results["pair_consistency"], 0.5)
        XCTAssertEqual(results["caption_grammatical_rate"], 0.75)
        // Images: red circle 0.75, blue triangle 0.25 against 0.7, 0.1 and green square 0.2.
        XCTAssertEqual(results["concept_tv_images"]!, 0.2, accuracy: 1e-12)
        XCTAssertEqual(results["rare_mass_images"]!, 0.25, accuracy: 1e-12)
        XCTAssertEqual(results["rare_mass_data"]!, 0.3, accuracy: 1e-12)
        // Captions (three grammatical): red circle 2/3, blue triangle 1/3.
        XCTAssertEqual(results["concept_tv_captions"]!, 0.5 * ((0.7 - 2.0 / 3) + 0.2 + (1.0 / 3 - 0.1)), accuracy: 1e-12)
    }
}
