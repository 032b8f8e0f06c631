import XCTest
@testable import FlowHDF5

/// String datasets: scalars, arrays, UTF-8, and the checks around them.
final class StringTests: HDF5TestCase {
    func testStringsAndStringArraysRoundTripAcrossReopen() throws {
        let url = fileURL("strings.h5")
        let file = try HDF5File.create(url)
        try file.writeString("a photo of a cat", to: "/captions/first")
        try file.writeStrings(["zero", "", "naïve café ✓", String(repeating: "x", count: 1000)], to: "/captions/all")
        try file.writeStrings([], to: "/captions/none")
        try file.close()

        let reopened = try HDF5File.open(url)
        XCTAssertEqual(try reopened.readString("/captions/first"), "a photo of a cat")
        XCTAssertEqual(try reopened.readStrings("/captions/first"), ["a photo of a cat"])
        XCTAssertEqual(try reopened.readStrings("/captions/all"), ["zero", "", "naïve café ✓", String(repeating: "x", count: 1000)])
        XCTAssertEqual(try reopened.readStrings("/captions/none"), [])
        XCTAssertEqual(try reopened.datasetInfo("/captions/all").dataType, .string)
        XCTAssertEqual(try reopened.datasetInfo("/captions/all").shape, [4])
        XCTAssertEqual(try reopened.datasetInfo("/captions/first").shape, [])
    }

    func testStringAndNumberDatasetsAreNotReadAsEachOther() throws {
        let file = try HDF5File.create(fileURL("mixed.h5"))
        try file.writeString("text", to: "/text")
        try file.write([Float(1)], to: "/number")
        let asNumber = expectHDF5Error(.typeMismatch) { try file.read("/text", as: Float.self) }
        XCTAssertEqual(asNumber?.message, "stored type string cannot be read as float32 (Float); use readStrings")
        expectHDF5Error(.typeMismatch) { try file.readStrings("/number") }
        expectHDF5Error(.shapeMismatch) {
            try file.writeStrings(["a", "b"], to: "/two")
            return try file.readString("/two")
        }
        expectHDF5Error(.invalidArgument) { try file.writeString("nul\u{0}inside", to: "/bad") }
    }
}
