import XCTest
@testable import FlowHDF5

/// Errors name the file, the object path and the operation, and never leave HDF5 noise on stderr.
final class ErrorTests: HDF5TestCase {
    func testMissingFileIsNamed() throws {
        let url = fileURL("absent.h5")
        let error = expectHDF5Error(.fileNotFound) { try HDF5File.open(url) }
        XCTAssertEqual(error?.description, "HDF5 open file read-only failed for '/' in file '\(url.path)': no such file")
        let noFolder = expectHDF5Error(.fileNotFound) { try HDF5File.create(fileURL("no/such/folder/x.h5")) }
        XCTAssertTrue(noFolder?.message.contains("does not exist") ?? false)
    }

    func testNonHDF5FileIsRejected() throws {
        let url = fileURL("notes.h5")
        try Data("not hdf5".utf8).write(to: url)
        let error = expectHDF5Error(.notHDF5File) { try HDF5File.open(url) }
        XCTAssertEqual(error?.file, url.path)
    }

    func testMissingPathAndWrongTypeNameFileAndPath() throws {
        let url = fileURL("samples.h5")
        let file = try HDF5File.create(url)
        try file.write([Int32(1), 2], to: "/data/labels")

        let missing = expectHDF5Error(.objectNotFound) { try file.read("data/points", as: Float.self) }
        XCTAssertEqual(missing?.description, "HDF5 read dataset failed for '/data/points' in file '\(url.path)': no dataset at this path")
        let wrongType = expectHDF5Error(.typeMismatch) { try file.read("/data/labels", as: Float.self) }
        XCTAssertEqual(wrongType?.description,
                       "HDF5 read dataset failed for '/data/labels' in file '\(url.path)': stored type int32 cannot be read as float32 (Float)")
        XCTAssertEqual(wrongType?.localizedDescription, wrongType?.description)
        let groupAsDataset = expectHDF5Error(.wrongObjectKind) { try file.datasetInfo("/data") }
        XCTAssertEqual(groupAsDataset?.message, "expected a dataset but found a group")
    }

    func testReadOnlyAndClosedFilesRefuseWork() throws {
        let url = fileURL("readonly.h5")
        try HDF5File.create(url).write(1.0, to: "/x")
        let reader = try HDF5File.open(url)
        let readOnly = expectHDF5Error(.readOnlyFile) { try reader.write(2.0, to: "/x") }
        XCTAssertEqual(readOnly?.objectPath, "/x")
        expectHDF5Error(.readOnlyFile) { try reader.appendSeries(1.0, to: "/s") }
        expectHDF5Error(.readOnlyFile) { try reader.setAttribute("a", 1) }
        try reader.close()
        try reader.close()
        XCTAssertFalse(reader.isOpen)
        expectHDF5Error(.fileClosed) { try reader.read("/x", as: Double.self) }
        XCTAssertEqual(try HDF5File.open(url).readScalar("/x", as: Double.self), 1.0)
    }

    func testLibraryFailuresCarryHDF5sOwnMessage() throws {
        let url = fileURL("truncated.h5")
        let file = try HDF5File.create(url)
        try file.write([Double](repeating: 1, count: 1000), to: "/x")
        try file.close()
        // Keep the superblock (so it still looks like HDF5) but cut off the rest, as a crashed copy would.
        try Data(try Data(contentsOf: url).prefix(200)).write(to: url)
        let error = expectHDF5Error(.libraryFailure) { try HDF5File.open(url) }
        XCTAssertEqual(error?.file, url.path)
        XCTAssertTrue(error?.message.contains("truncated") ?? false, error?.message ?? "")
    }
}
