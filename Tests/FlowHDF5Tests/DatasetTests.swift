import XCTest
@testable import FlowHDF5

/// Numeric datasets: every element type, several ranks, the conversion rules and shape checks.
final class DatasetTests: HDF5TestCase {
    func testEveryElementTypeRoundTripsAtRanksZeroOneAndThree() throws {
        let url = fileURL("types.h5")
        let cube = [2, 3, 4]
        let file = try HDF5File.create(url)
        try file.write(Float(1.5), to: "/scalar/float")
        try file.write([Float]((0..<24).map { Float($0) * 0.25 - 3 }), shape: cube, to: "/cube/float")
        try file.write([Double.pi, -.infinity, 1e-300], to: "/vector/double")
        try file.write([Int32.min, 0, Int32.max], to: "/vector/int32")
        try file.write(Int64.max, to: "/scalar/int64")
        try file.write([Int64]((0..<24).map { Int64($0) << 40 }), shape: cube, to: "/cube/int64")
        try file.write([UInt8](0..<24), shape: cube, to: "/cube/uint8")
        try file.close()

        let reopened = try HDF5File.open(url)
        XCTAssertEqual(try reopened.readScalar("/scalar/float", as: Float.self), 1.5)
        let floats = try reopened.read("/cube/float", as: Float.self)
        XCTAssertEqual(floats.shape, cube)
        XCTAssertEqual(floats.values, (0..<24).map { Float($0) * 0.25 - 3 })
        XCTAssertEqual(try reopened.read("/vector/double", as: Double.self).values, [Double.pi, -.infinity, 1e-300])
        XCTAssertEqual(try reopened.read("/vector/int32", as: Int32.self).values, [Int32.min, 0, Int32.max])
        let scalar = try reopened.read("/scalar/int64", as: Int64.self)
        XCTAssertEqual(scalar.shape, [])
        XCTAssertEqual(scalar.values, [Int64.max])
        XCTAssertEqual(try reopened.read("/cube/int64", as: Int64.self).values, (0..<24).map { Int64($0) << 40 })
        XCTAssertEqual(try reopened.read("/cube/uint8", as: UInt8.self).values, [UInt8](0..<24))
        XCTAssertEqual(try reopened.datasetInfo("/cube/uint8"),
                       HDF5DatasetInfo(shape: cube, dataType: .uint8, chunkShape: nil, compressionLevel: nil, isExtendable: false))
        XCTAssertEqual(try reopened.datasetInfo("/vector/int32").dataType, .int32)
        XCTAssertEqual(try reopened.datasetInfo("/scalar/float").shape, [])
    }

    func testLosslessWideningIsAllowedAndEverythingElseIsATypeMismatch() throws {
        let file = try HDF5File.create(fileURL("convert.h5"))
        try file.write([Float(0.1), 2], to: "/float")
        try file.write([Int32(-7), 1 << 30], to: "/int32")
        try file.write([UInt8(255), 0], to: "/uint8")
        try file.write([Double(0.1)], to: "/double")
        try file.write([Int64(1) << 60], to: "/int64")

        XCTAssertEqual(try file.read("/float", as: Double.self).values, [Double(Float(0.1)), 2])
        XCTAssertEqual(try file.read("/int32", as: Int64.self).values, [-7, 1 << 30])
        XCTAssertEqual(try file.read("/int32", as: Double.self).values, [-7, 1_073_741_824])
        XCTAssertEqual(try file.read("/uint8", as: Float.self).values, [255, 0])
        XCTAssertEqual(try file.read("/uint8", as: Int32.self).values, [255, 0])

        let narrowing = expectHDF5Error(.typeMismatch) { try file.read("/double", as: Float.self) }
        XCTAssertEqual(narrowing?.message, "stored type float64 cannot be read as float32 (Float)")
        expectHDF5Error(.typeMismatch) { try file.read("/float", as: Int32.self) }
        expectHDF5Error(.typeMismatch) { try file.read("/int64", as: Double.self) }
        expectHDF5Error(.typeMismatch) { try file.read("/int32", as: UInt8.self) }
    }

    func testShapeMustMatchValueCountAndCanBeEmpty() throws {
        let file = try HDF5File.create(fileURL("shape.h5"))
        let error = expectHDF5Error(.shapeMismatch) { try file.write([Float](repeating: 0, count: 5), shape: [2, 3], to: "/x") }
        XCTAssertEqual(error?.objectPath, "/x")
        XCTAssertFalse(try file.exists("/x"))
        try file.write([Float](), shape: [0, 3], to: "/empty", compression: 4)
        let empty = try file.read("/empty", as: Float.self)
        XCTAssertEqual(empty.values, [])
        XCTAssertEqual(empty.shape, [0, 3])
        let notScalar = expectHDF5Error(.shapeMismatch) { try file.readScalar("/empty", as: Float.self) }
        XCTAssertEqual(notScalar?.objectPath, "/empty")
    }

    func testWritingAgainReplacesTheDatasetAndCreatesParents() throws {
        let file = try HDF5File.create(fileURL("replace.h5"))
        try file.write([Float](repeating: 1, count: 6), shape: [2, 3], to: "eval/cfg/label_tv")
        try file.write(0.25, to: "/eval/cfg/label_tv")
        XCTAssertEqual(try file.kind(of: "/eval/cfg"), .group)
        XCTAssertEqual(try file.readScalar("/eval/cfg/label_tv", as: Double.self), 0.25)
        XCTAssertEqual(try file.datasetInfo("/eval/cfg/label_tv").dataType, .float64)
        expectHDF5Error(.wrongObjectKind) { try file.write(1.0, to: "/eval/cfg") }
    }
}
