import XCTest
@testable import FlowHDF5

/// Groups, listing, existence, kinds and deletion.
final class GroupTests: HDF5TestCase {
    func testGroupsListingAndRecursiveDatasetPaths() throws {
        let file = try HDF5File.create(fileURL("checkpoint.h5"))
        try file.createGroup("optimizer/moments")
        try file.createGroup("/optimizer/moments")  // idempotent
        try file.write([Float](repeating: 0, count: 8), shape: [2, 2, 2], to: "/params/encoder.layers.0.weight")
        try file.write([Float](repeating: 0, count: 2), to: "/params/encoder.layers.0.bias")
        try file.write([Float](repeating: 0, count: 2), to: "/optimizer/moments/first")
        try file.write([UInt8](repeating: 7, count: 16), to: "/rng")

        XCTAssertEqual(try file.children(), ["optimizer", "params", "rng"])
        XCTAssertEqual(try file.children(of: "/params"), ["encoder.layers.0.bias", "encoder.layers.0.weight"])
        XCTAssertEqual(try file.datasetPaths(), [
            "/optimizer/moments/first", "/params/encoder.layers.0.bias", "/params/encoder.layers.0.weight", "/rng",
        ])
        XCTAssertEqual(try file.datasetPaths(under: "optimizer"), ["/optimizer/moments/first"])
        XCTAssertTrue(try file.exists("/"))
        XCTAssertTrue(try file.exists("params/encoder.layers.0.bias"))
        XCTAssertFalse(try file.exists("/params/missing"))
        XCTAssertFalse(try file.exists("/rng/below/a/dataset"))
        XCTAssertEqual(try file.kind(of: "/optimizer"), .group)
        XCTAssertEqual(try file.kind(of: "/rng"), .dataset)
        expectHDF5Error(.wrongObjectKind) { try file.children(of: "/rng") }
        expectHDF5Error(.wrongObjectKind) { try file.createGroup("/rng") }
        expectHDF5Error(.invalidArgument) { try file.exists("/params/../rng") }

        try file.delete("/optimizer")
        XCTAssertFalse(try file.exists("/optimizer/moments/first"))
        XCTAssertEqual(try file.children(), ["params", "rng"])
        expectHDF5Error(.objectNotFound) { try file.delete("/optimizer") }
        expectHDF5Error(.invalidArgument) { try file.delete("/") }
    }
}
