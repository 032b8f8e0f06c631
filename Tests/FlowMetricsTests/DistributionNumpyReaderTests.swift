import Foundation
import XCTest
@testable import FlowMetrics

/// The `.npy` reader: every accepted layout, and a clear error for each rejected one.
final class DistributionNumpyReaderTests: XCTestCase {
    func testReadsVersionsOneTwoThreeInFloat32AndFloat64() throws {
        let fixture = try DistributionFixture.load()
        for (name, expected) in fixture.npyReader {
            let (shape, values) = try NumpyArrayFile.readArray(at: DistributionFixture.directory.appendingPathComponent(name))
            XCTAssertEqual(shape, expected.shape, name)
            XCTAssertEqual(values, expected.values, name)
        }
        let set = try DistributionFixture.features("reader_v3_f4.npy")
        XCTAssertEqual([set.rows, set.columns], [3, 5])
    }

    func testRejectsUnsupportedFiles() throws {
        let cases: [(String, String)] = [
            ("reader_fortran.npy", "Fortran-order arrays are not supported; save with np.ascontiguousarray"),
            ("reader_int32.npy", "unsupported dtype '<i4' (expected little-endian float32 '<f4' or float64 '<f8')"),
            ("reader_big_endian.npy", "unsupported dtype '>f8' (expected little-endian float32 '<f4' or float64 '<f8')"),
            ("reader_vector.npy", "expected a 2-D array (samples, features), found shape [4]"),
            ("reader_truncated.npy", "data is truncated: shape [3, 5] needs 120 bytes, file has 112"),
            ("distributions.json", "not a .npy file (missing the \\x93NUMPY magic string)"),
        ]
        for (name, reason) in cases {
            let url = DistributionFixture.directory.appendingPathComponent(name)
            XCTAssertThrowsError(try NumpyArrayFile.readFeatureSet(at: url), name) { error in
                XCTAssertEqual(error as? NumpyFileError, NumpyFileError(path: url.path, reason: reason))
            }
        }
    }

    func testMissingFileNamesThePath() {
        let url = URL(fileURLWithPath: "/nonexistent/features.npy")
        XCTAssertThrowsError(try NumpyArrayFile.readFeatureSet(at: url)) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/features.npy: cannot read the file"), "\(error)")
        }
    }

    func testParsesHeaderVariants() throws {
        let header = try NumpyArrayHeader(parsing: "{'descr': '<f8', 'fortran_order': False, 'shape': (7,), }", path: "x")
        XCTAssertEqual(header, try NumpyArrayHeader(parsing: "{\"shape\": (7,), \"fortran_order\": False, \"descr\": \"<f8\"}", path: "x"))
        XCTAssertEqual(header.shape, [7])
        XCTAssertThrowsError(try NumpyArrayHeader(parsing: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}", path: "x"))
    }
}
