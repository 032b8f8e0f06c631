import FlowData
import Foundation
import XCTest
@testable import FlowLab

/// `shapes_pixels` on real `shapes` renders: near perfect with their own prompts, near chance with shuffled ones.
final class ShapesPixelSuiteTests: XCTestCase {
    typealias Support = EvaluatorSuiteTestSupport

    func testRealImagesAreReadAlmostPerfectlyAtEverySize() throws {
        for (size, count) in [(16, 300), (32, 500), (64, 150)] {
            let shapes = try ShapesConfiguration(imageSize: size, objectCounts: [1], seed: 11)
            let test = Support.renders(shapes, .test, 0..<count)
            var suite = ShapesPixelSuite()
            let context = Support.context(shapes: shapes)
            try suite.prepare(context)
            let metrics = try suite.evaluate(Support.input(images: test.pixels, prompts: test.scenes, reference: test), context: context)
            XCTAssertEqual(metrics?.map(\.name), ["pixel_colour_accuracy", "pixel_position_accuracy"])
            XCTAssertGreaterThanOrEqual(try Support.value(metrics, "pixel_colour_accuracy"), 0.97, "\(size) px")
            XCTAssertGreaterThanOrEqual(try Support.value(metrics, "pixel_position_accuracy"), 0.97, "\(size) px")
            XCTAssertEqual(metrics?.map(\.higherIsBetter), [true, true])
        }
    }

    func testShuffledPromptsScoreNearChance() throws {
        let shapes = try ShapesConfiguration(imageSize: 32, objectCounts: [1], seed: 12)
        let test = Support.renders(shapes, .test, 0..<900)
        let context = Support.context(shapes: shapes)
        let metrics = try ShapesPixelSuite().evaluate(Support.input(images: test.pixels, prompts: test.shuffledScenes, reference: test),
                                                      context: context)
        XCTAssertEqual(try Support.value(metrics, "pixel_colour_accuracy"), 1.0 / 6, accuracy: 0.05)
        XCTAssertEqual(try Support.value(metrics, "pixel_position_accuracy"), 1.0 / 9, accuracy: 0.04)
        XCTAssertTrue(metrics!.allSatisfy { $0.description.contains("chance 1/") }, "\(metrics!.map(\.description))")
    }

    func testOnlyOneObjectPromptsAreScored() throws {
        let shapes = try ShapesConfiguration(imageSize: 32, objectCounts: [1, 2], seed: 13)
        let test = Support.renders(shapes, .test, 0..<300)
        let context = Support.context(shapes: shapes)
        let metrics = try ShapesPixelSuite().evaluate(Support.input(images: test.pixels, prompts: test.scenes, reference: test), context: context)
        XCTAssertGreaterThanOrEqual(try Support.value(metrics, "pixel_colour_accuracy"), 0.97)
        XCTAssertGreaterThanOrEqual(try Support.value(metrics, "pixel_position_accuracy"), 0.97)
        let pairs = Support.renders(try ShapesConfiguration(imageSize: 32, objectCounts: [2], seed: 13), .test, 0..<20)
        let none = try ShapesPixelSuite().evaluate(Support.input(images: pairs.pixels, prompts: pairs.scenes, reference: pairs), context: context)
        XCTAssertTrue(try Support.value(none, "pixel_colour_accuracy").isNaN)
    }

    func testBadInputsAreErrorsNamingTheSuiteAndConfiguration() throws {
        let shapes = try ShapesConfiguration(imageSize: 16, objectCounts: [1], seed: 14)
        let test = Support.renders(shapes, .test, 0..<4)
        let context = Support.context(shapes: shapes)
        Support.assertSuiteError(try ShapesPixelSuite().evaluate(
            Support.input("cfg_w3", images: test.pixels, prompts: Array(test.scenes.prefix(3)), reference: test), context: context),
            startsWith: "eval.metrics: shapes_pixels: configuration cfg_w3: 4 generated images but 3 prompt scenes")
        Support.assertSuiteError(try ShapesPixelSuite().evaluate(Support.input(images: nil, prompts: test.scenes, reference: test),
                                                                 context: context),
                                 startsWith: "eval.metrics: shapes_pixels: configuration cfg_w1: the configuration has no generated images")
    }

    func testAStopRequestReturnsNil() throws {
        let shapes = try ShapesConfiguration(imageSize: 16, objectCounts: [1], seed: 15)
        let test = Support.renders(shapes, .test, 0..<4)
        let stop = StopSignal.install(signals: [], onSecondSignal: { _ in })
        defer { stop.uninstall() }
        stop.requestStop()
        XCTAssertNil(try ShapesPixelSuite().evaluate(Support.input(images: test.pixels, prompts: test.scenes, reference: test),
                                                     context: Support.context(shapes: shapes, stop: stop)))
    }
}
