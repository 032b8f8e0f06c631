import FlowHDF5
import Foundation
import XCTest
@testable import FlowLab

/// `metrics.h5`'s `/eval` group as `EvaluationFile` writes it.
final class EvaluationFileTests: XCTestCase {
    /// A configuration that no suite scores (the data reference when every metric reads generated captions) is left
    /// out; it once failed the run after training, setting an attribute on a group that did not exist.
    func testAConfigurationWithoutMetricsIsLeftOut() throws {
        let folder = try makeRunTestFolder(self)
        let url = folder.appendingPathComponent("metrics.h5")
        let bleu = MetricValue(name: "bleu_4", value: 0.5, description: "BLEU-4", higherIsBetter: true)
        try EvaluationFile.write([["data_reference": [], "i2t": [bleu]]], configurations: [("data_reference", "real"), ("i2t", "captions")],
                                 seeds: [0], specFingerprint: "x", to: url)
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        XCTAssertFalse(try file.exists("/eval/data_reference"))
        XCTAssertEqual(try file.read("/eval/i2t/bleu_4", as: Double.self).values, [0.5])
        XCTAssertEqual(try file.attribute("method", at: "/eval/i2t").stringValue, "captions")
        XCTAssertEqual(try file.attribute("configurations", at: "/eval").stringsValue, ["i2t"])
    }
}
