import XCTest
@testable import FlowHDF5

/// Attributes of every kind on the root, groups and datasets.
final class AttributeTests: HDF5TestCase {
    func testEveryAttributeKindRoundTripsOnRootGroupAndDataset() throws {
        let url = fileURL("attributes.h5")
        let file = try HDF5File.create(url)
        try file.createGroup("/eval/cfg")
        try file.write(0.125, to: "/eval/cfg/label_tv")
        let values: [String: HDF5AttributeValue] = [
            "learning_rate": .double(1e-3),
            "step": .int(-1_000_000_000_000),
            "name": .string("modecollapse ✓"),
            "sigmas": .doubles([0.5, 1, 2]),
            "sizes": .ints([1, 2, 3]),
            "tags": .strings(["a", "bc"]),
            "no_sizes": .ints([]),
        ]
        for path in ["/", "/eval/cfg", "/eval/cfg/label_tv"] {
            for (name, value) in values { try file.setAttribute(name, value, at: path) }
        }
        try file.setAttribute("description", "total variation", at: "/eval/cfg/label_tv")
        try file.setAttribute("higher_is_better", 0, at: "/eval/cfg/label_tv")
        try file.setAttribute("step", 7)  // replaces the earlier value on the root
        try file.close()

        let reopened = try HDF5File.open(url)
        XCTAssertEqual(try reopened.attribute("step"), .int(7))
        XCTAssertEqual(try reopened.attribute("step").intValue, 7)
        XCTAssertEqual(try reopened.attribute("sigmas", at: "/eval/cfg").doublesValue, [0.5, 1, 2])
        XCTAssertEqual(try reopened.attribute("description", at: "/eval/cfg/label_tv").stringValue, "total variation")
        XCTAssertEqual(try reopened.attributeNames(at: "/eval/cfg"), values.keys.sorted())
        var expectedOnDataset = values
        expectedOnDataset["description"] = .string("total variation")
        expectedOnDataset["higher_is_better"] = .int(0)
        XCTAssertEqual(try reopened.attributes(at: "/eval/cfg/label_tv"), expectedOnDataset)
        XCTAssertEqual(try reopened.attributes(at: "/eval/cfg"), values)
    }

    func testMissingAttributeAndMissingObjectAreNamedInTheError() throws {
        let url = fileURL("missing.h5")
        let file = try HDF5File.create(url)
        try file.createGroup("/group")
        let missingAttribute = expectHDF5Error(.objectNotFound) { try file.attribute("seed", at: "/group") }
        XCTAssertEqual(missingAttribute?.description,
                       "HDF5 read attribute 'seed' failed for '/group' in file '\(url.path)': the object has no attribute 'seed'")
        let missingObject = expectHDF5Error(.objectNotFound) { try file.setAttribute("seed", 1, at: "/nothing/here") }
        XCTAssertEqual(missingObject?.objectPath, "/nothing/here")
    }

    func testDescriptionsAreCompact() {
        XCTAssertEqual(HDF5AttributeValue.string("a \"b\"").description, #""a \"b\"""#)
        XCTAssertEqual(HDF5AttributeValue.doubles([0.5, 1]).description, "[0.5, 1.0]")
        XCTAssertEqual(HDF5AttributeValue.ints(Array(1...10)).description, "[1, 2, 3, 4, 5, 6, 7, 8, ... (10 values)]")
    }
}
