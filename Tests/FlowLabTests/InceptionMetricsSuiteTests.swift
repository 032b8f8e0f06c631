import FlowData
import FlowModels
import FlowNN
import Foundation
import XCTest
@testable import FlowLab

/// `inception_metrics` with the real FID Inception-v3 on `shapes` renders (skipped, outside CI, without its weights).
final class InceptionMetricsSuiteTests: XCTestCase {
    typealias Support = EvaluatorSuiteTestSupport

    func testIdenticalSetsScorePerfectlyAndBlankImagesFarWorse() throws {
        try PretrainedWeightsRequirement.require(.inception)
        let shapes = try ShapesConfiguration(imageSize: 16, objectCounts: [1], seed: 31)
        let reference = Support.renders(shapes, .test, 0..<6)  // the fewest density/coverage (k = 5) accept
        var suite = InceptionMetricsSuite()
        let lines = RecordedLines()
        let context = Support.context(shapes: shapes, lines: lines)
        try suite.prepare(context)
        let same = try suite.evaluate(Support.input("same", images: reference.pixels, prompts: nil, reference: reference), context: context)
        XCTAssertEqual(same?.map(\.name), ["fid", "kid_mean", "kid_std", "precision", "recall", "density", "coverage"])
        XCTAssertEqual(try Support.value(same, "fid"), 0, accuracy: 1)
        XCTAssertEqual(try Support.value(same, "precision"), 1)
        XCTAssertEqual(try Support.value(same, "recall"), 1)
        let blank = [UInt8](repeating: 128, count: reference.pixels.count)
        let grey = try suite.evaluate(Support.input("grey", images: blank, prompts: nil, reference: reference), context: context)
        XCTAssertGreaterThan(try Support.value(grey, "fid"), 50)
        XCTAssertEqual(try Support.value(grey, "precision"), 0)
        // The reference features are computed once for both configurations, and reused for the identical set.
        XCTAssertEqual(lines.lines.filter { $0.hasPrefix("inception features (reference)") && $0.contains("6/6") }.count, 1, "\(lines.lines)")
        XCTAssertFalse(lines.lines.contains { $0.hasPrefix("inception features (same)") }, "\(lines.lines)")
        XCTAssertTrue(lines.lines.contains { $0.hasPrefix("inception features (grey)") && $0.contains("6/6") }, "\(lines.lines)")
        let fid = try XCTUnwrap(grey?.first { $0.name == "fid" })
        XCTAssertEqual(fid.higherIsBetter, false)
        XCTAssertTrue(fid.description.contains("Inception-v3") && fid.description.contains("299"), fid.description)
    }

    func testMissingWeightsFailInPrepareWithOneLineNamingMakeWeights() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-weights-\(UUID().uuidString)")
        var suite = InceptionMetricsSuite(weightsRoot: empty)
        XCTAssertThrowsError(try suite.prepare(Support.context(shapes: nil))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("eval.metrics: inception_metrics: Inception weights not found at \(empty.path)"), text)
            XCTAssertTrue(text.contains("make weights") && text.contains("flowlab weights fetch inception"), text)
            XCTAssertFalse(text.contains("\n"), text)
        }
    }
}
