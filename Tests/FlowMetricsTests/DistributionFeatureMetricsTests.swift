import XCTest
@testable import FlowMetrics

/// The one-call evaluation behind `flowlab eval features`: order, JSON, and input errors.
final class DistributionFeatureMetricsTests: XCTestCase {
    func testEvaluateReturnsTheSevenMetricsInOrder() throws {
        let fixture = try DistributionFixture.load().cases["different_covariances"]!
        let (real, fake) = try DistributionFixture.sets("different_covariances")
        let results = try FeatureMetrics().evaluate(real: real, fake: fake)
        XCTAssertEqual(results.entries.map(\.name), ["fid", "kid_mean", "kid_std", "precision", "recall", "density", "coverage"])
        assertRelativelyClose(results["fid"]!, fixture.fid, tolerance: 1e-6, "fid")
        XCTAssertEqual(results["precision"], fixture.precisionRecallClosedK3.precision)
        XCTAssertEqual(results["recall"], fixture.precisionRecallClosedK3.recall)
        XCTAssertEqual(results["density"], fixture.densityCoverageK5.density)
        XCTAssertEqual(results["coverage"], fixture.densityCoverageK5.coverage)
        XCTAssertGreaterThan(results["kid_mean"]!, 0)
    }

    func testJSONObjectIsOrderedAndParses() throws {
        let results = FeatureMetricResults(entries: [("fid", 12.5), ("kid_mean", 0.001), ("kid_std", .nan)])
        XCTAssertEqual(results.jsonObject(), "{\"fid\": 12.5, \"kid_mean\": 0.001, \"kid_std\": null}")
        let parsed = try JSONSerialization.jsonObject(with: Data(results.jsonObject().utf8)) as? [String: Any]
        XCTAssertEqual(parsed?["fid"] as? Double, 12.5)
    }

    func testBadInputsGiveOneClearError() throws {
        let real = try FeatureSet(rows: 10, columns: 3, values: (0..<30).map(Double.init))
        let narrow = try FeatureSet(rows: 10, columns: 2, values: (0..<20).map(Double.init))
        let few = try FeatureSet(rows: 5, columns: 3, values: (0..<15).map(Double.init))
        let empty = try FeatureSet(rows: 0, columns: 3, values: [])
        let expectations: [(FeatureSet, String)] = [
            (narrow, "feature sets have different widths: real has 3 features per sample, fake has 2"),
            (few, "the fake feature set has 5 samples; precision/recall (k = 3) and density/coverage (k = 5) needs at least 6"),
            (empty, "the fake feature set is empty (no samples or no features)"),
        ]
        for (fake, message) in expectations {
            XCTAssertThrowsError(try FeatureMetrics().evaluate(real: real, fake: fake)) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testFeatureSetRejectsBadShapesAndNonFiniteValues() {
        XCTAssertThrowsError(try FeatureSet(rows: 2, columns: 2, values: [1, 2, 3])) { error in
            XCTAssertEqual("\(error)", "feature set shape 2 x 2 needs 4 values, got 3")
        }
        XCTAssertThrowsError(try FeatureSet(rows: 2, columns: 2, values: [1, 2, .nan, 4])) { error in
            XCTAssertEqual("\(error)", "feature set has a non-finite value (NaN or infinity) at row 1, column 0")
        }
        XCTAssertNoThrow(try FeatureSet(rows: 1, columns: 2, float32Values: [1, 2]))
    }
}
