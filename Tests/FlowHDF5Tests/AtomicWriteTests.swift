import XCTest
@testable import FlowHDF5

/// Whole-file atomic writes (checkpoints).
final class AtomicWriteTests: HDF5TestCase {
    private struct Interrupted: Error {}

    func testSuccessfulWriteReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let url = fileURL("checkpoint.h5")
        try HDF5File.writeAtomically(to: url) { try $0.setAttribute("step", 100) }
        try HDF5File.writeAtomically(to: url) { file in
            try file.setAttribute("step", 200)
            try file.write([Float](repeating: 1, count: 4), shape: [2, 2], to: "/params/w")
        }
        let file = try HDF5File.open(url)
        XCTAssertEqual(try file.attribute("step"), .int(200))
        XCTAssertEqual(try file.datasetPaths(), ["/params/w"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["checkpoint.h5"])
    }

    func testFailedWriteKeepsTheOldFileAndRemovesTheTemporaryFile() throws {
        let url = fileURL("checkpoint.h5")
        try HDF5File.writeAtomically(to: url) { try $0.write(Int64(1), to: "/step") }
        let before = try Data(contentsOf: url)
        XCTAssertThrowsError(try HDF5File.writeAtomically(to: url) { file in
            try file.write(Int64(2), to: "/step")
            throw Interrupted()
        }) { XCTAssertTrue($0 is Interrupted) }
        XCTAssertEqual(try Data(contentsOf: url), before)
        XCTAssertEqual(try HDF5File.open(url).readScalar("/step", as: Int64.self), 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["checkpoint.h5"])
    }
}
