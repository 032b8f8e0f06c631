import XCTest
@testable import FlowHDF5

/// Row datasets: N-D numeric and 2-D string datasets that grow by rows and are read by row ranges.
final class RowDatasetTests: HDF5TestCase {
    func testRowsAppendAcrossChunksAndReadBackByRanges() throws {
        let url = fileURL("rows.h5")
        let rows = (0..<11).map { row in (0..<6).map { UInt8(row * 10 + $0) } }
        try HDF5File.writeAtomically(to: url) { file in
            try file.createRowDataset(at: "/data/images", rowShape: [2, 3], as: UInt8.self, chunkRows: 4, compression: 3)
            try file.createStringRowDataset(at: "/data/captions", rowShape: [2], chunkRows: 4)
            try file.appendRows(rows[0..<3].flatMap { $0 }, to: "/data/images")
            try file.appendRows(rows[3..<11].flatMap { $0 }, to: "/data/images")
            try file.appendRows([UInt8](), to: "/data/images")
            try file.appendStringRows((0..<11).flatMap { ["row \($0)", $0 % 2 == 0 ? "" : "ünïcode \($0)"] }, to: "/data/captions")
        }
        let file = try HDF5File.open(url)
        let info = try file.datasetInfo("/data/images")
        XCTAssertEqual(info.shape, [11, 2, 3])
        XCTAssertEqual(info.chunkShape, [4, 2, 3])
        XCTAssertEqual(info.compressionLevel, 3)
        XCTAssertTrue(info.isExtendable)
        let middle = try file.readRows("/data/images", 3..<9, as: UInt8.self)
        XCTAssertEqual(middle.shape, [6, 2, 3])
        XCTAssertEqual(middle.values, rows[3..<9].flatMap { $0 })
        XCTAssertEqual(try file.readRows("/data/images", 0..<11, as: Int32.self).values, rows.flatMap { $0 }.map(Int32.init))
        XCTAssertEqual(try file.readRows("/data/images", 5..<5, as: UInt8.self).shape, [0, 2, 3])
        let strings = try file.readStringRows("/data/captions", 9..<11)
        XCTAssertEqual(strings.shape, [2, 2])
        XCTAssertEqual(strings.strings, ["row 9", "ünïcode 9", "row 10", ""])
        XCTAssertEqual(try file.readStrings("/data/captions").count, 22)
    }

    func testRowErrorsNameTheDataset() throws {
        let file = try HDF5File.create(fileURL("errors.h5"))
        try file.createRowDataset(at: "/x", rowShape: [3], as: Float.self, chunkRows: 2)
        try file.write([1.0, 2.0], to: "/fixed")
        try file.appendRows([Float(1), 2, 3], to: "/x")
        XCTAssertThrowsError(try file.appendRows([Float(1), 2], to: "/x")) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .shapeMismatch)
            XCTAssertTrue("\(error)".contains("'/x'"), "\(error)")
        }
        XCTAssertThrowsError(try file.appendRows([Double(1), 2, 3], to: "/x")) { XCTAssertEqual(($0 as? HDF5Error)?.kind, .typeMismatch) }
        XCTAssertThrowsError(try file.appendRows([1.0], to: "/fixed")) { XCTAssertEqual(($0 as? HDF5Error)?.kind, .notAppendable) }
        XCTAssertThrowsError(try file.readRows("/x", 0..<2, as: Float.self)) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .shapeMismatch)
            XCTAssertTrue("\(error)".contains("outside the 1 rows"), "\(error)")
        }
        XCTAssertThrowsError(try file.readStringRows("/x", 0..<1)) { XCTAssertEqual(($0 as? HDF5Error)?.kind, .typeMismatch) }
        XCTAssertThrowsError(try file.createRowDataset(at: "/y", rowShape: [0], as: Float.self, chunkRows: 2))
        XCTAssertThrowsError(try file.createRowDataset(at: "/y", rowShape: [2], as: Float.self, chunkRows: 0))
        try file.close()
    }
}
