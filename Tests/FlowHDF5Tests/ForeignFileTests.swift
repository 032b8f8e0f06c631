import XCTest
@testable import FlowHDF5

/// Reading a file written by h5py (fixture made by Scripts/fixtures/hdf5_h5py_file.py).
final class ForeignFileTests: HDF5TestCase {
    private let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hdf5/h5py_written.h5")

    func testReadsH5pyDatasetsOfOtherByteOrdersAndStringLayouts() throws {
        let file = try HDF5File.open(url)
        let bigEndian = try file.read("/tensors/big_endian", as: Float.self)
        XCTAssertEqual(bigEndian.shape, [2, 3])
        XCTAssertEqual(bigEndian.values, [0, 0.25, 0.5, 0.75, 1, 1.25])
        XCTAssertEqual(try file.read("/tensors/float64", as: Double.self).values, [0.1, 0.2])
        XCTAssertEqual(try file.datasetInfo("/tensors/int16").dataType, .unsupported("int16"))
        let unsupported = expectHDF5Error(.typeMismatch) { try file.read("/tensors/int16", as: Int32.self) }
        XCTAssertEqual(unsupported?.message, "stored type int16 cannot be read as int32 (Int32)")
        XCTAssertEqual(try file.readStrings("/text/variable"), ["alpha", "béta"])
        XCTAssertEqual(try file.readStrings("/text/fixed"), ["ab", "cde"])
        XCTAssertEqual(try file.readString("/text/scalar"), "hello")
    }

    func testReadsH5pyAttributesAndListsTheTree() throws {
        let file = try HDF5File.open(url)
        XCTAssertEqual(try file.attribute("title"), .string("written by h5py"))
        XCTAssertEqual(try file.attribute("scale"), .double(1.5))
        XCTAssertEqual(try file.attribute("level"), .int(4))
        XCTAssertEqual(try file.attribute("offsets"), .ints([1, -2, 3]))
        XCTAssertEqual(try file.attribute("fixed"), .string("abc"))
        XCTAssertEqual(try file.attribute("flag"), .bool(true), "h5py's boolean (an int8 enum FALSE/TRUE) reads as a boolean")
        XCTAssertEqual(try file.treeDescription(), """
            h5py_written.h5
              @fixed = "abc"
              @flag = true
              @level = 4
              @offsets = [1, -2, 3]
              @scale = 1.5
              @title = "written by h5py"
              tensors/
                big_endian  float32 [2, 3]
                float64  float64 [2]
                int16  int16 [3]
              text/
                fixed  string [2]
                scalar  string scalar
                variable  string [2]

            """)
    }
}
