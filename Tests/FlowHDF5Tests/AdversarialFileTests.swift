import Foundation
import XCTest
@testable import FlowHDF5

/// Hostile files (fixtures from Scripts/fixtures/hdf5_adversarial_files.py) give answers or clear errors: a
/// hard-link cycle once hung `inspect`, a dangling soft link made every dataset unreadable, and a dataset
/// declaring 10^6 x 10^6 elements aborted on allocation. Fletcher-32 checksums catch corrupted bytes.
final class AdversarialFileTests: HDF5TestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hdf5")

    func testALinkCycleEndsAndADanglingLinkIsSkipped() throws {
        let file = try HDF5File.open(Self.fixtures.appendingPathComponent("adversarial_links.h5"))
        defer { try? file.close() }
        XCTAssertEqual(try file.datasetPaths(), ["/a/b/values", "/plain"])
        let tree = try file.treeDescription()
        XCTAssertTrue(tree.contains("back_to_a/  (another link to a group shown above; not repeated)"), tree)
        XCTAssertTrue(tree.contains("dangling  (dangling link: its target does not exist)"), tree)
        XCTAssertTrue(tree.contains("plain  float64 [2]"), tree)
        XCTAssertEqual(try file.read("/plain", as: Double.self).values, [1.5, 2.5])
    }

    func testADatasetDeclaringTerabytesIsAnErrorBeforeAllocation() throws {
        let file = try HDF5File.open(Self.fixtures.appendingPathComponent("adversarial_huge.h5"))
        defer { try? file.close() }
        XCTAssertEqual(try file.datasetInfo("/huge").shape, [1_000_000, 1_000_000])
        let error = expectHDF5Error(.shapeMismatch) { try file.read("/huge", as: Double.self) }
        XCTAssertTrue(error?.message.contains("1000000 x 1000000 elements") == true, "\(String(describing: error))")
        expectHDF5Error(.shapeMismatch) { try file.readStrings("/huge_strings") }
    }

    func testChecksummedDatasetsRejectCorruptedBytes() throws {
        let url = fileURL("checked.h5")
        let values = (0..<4096).map { Float($0) * 0.25 + 1 }
        try HDF5File.writeAtomically(to: url) { file in
            file.checksumsNewDatasets = true
            try file.write(values, shape: [64, 64], to: "/params/w")
            try file.write(Float(3), to: "/scalar")  // scalars cannot carry a checksum but still work
        }
        XCTAssertEqual(try HDF5File.open(url).read("/params/w", as: Float.self).values, values)

        var bytes = try Data(contentsOf: url)
        let pattern = values[1000..<1004].withUnsafeBytes { Data($0) }
        let offset = try XCTUnwrap(bytes.range(of: pattern)?.lowerBound, "the values are stored uncompressed")
        for index in offset..<(offset + 64) { bytes[index] ^= 0x5A }
        try bytes.write(to: url)
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        expectHDF5Error(.libraryFailure) { try file.read("/params/w", as: Float.self) }
    }
}
