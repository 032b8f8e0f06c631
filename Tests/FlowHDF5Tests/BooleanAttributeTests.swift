import Foundation
import XCTest
@testable import FlowHDF5

/// Boolean attributes are h5py's booleans (an int8 enum FALSE = 0 / TRUE = 1), not the strings "true"/"false"
/// (the string "false" is truthy in Python).
final class BooleanAttributeTests: HDF5TestCase {
    func testBooleansRoundTripAndAreStoredAsH5pyBooleans() throws {
        let url = fileURL("metrics.h5")
        let file = try HDF5File.create(url)
        try file.write([0.5], to: "/eval/cfg/label_tv")
        try file.setAttribute("higher_is_better", .bool(false), at: "/eval/cfg/label_tv")
        try file.setAttribute("higher_is_better", .bool(true), at: "/eval/cfg")
        try file.close()

        let reopened = try HDF5File.open(url)
        XCTAssertEqual(try reopened.attribute("higher_is_better", at: "/eval/cfg/label_tv"), .bool(false))
        XCTAssertEqual(try reopened.attribute("higher_is_better", at: "/eval/cfg"), .bool(true))
        XCTAssertEqual(try reopened.attribute("higher_is_better", at: "/eval/cfg").boolValue, true)
        XCTAssertEqual(HDF5AttributeValue.bool(false).description, "false")
        try reopened.close()

        let dump = try H5Dump.output(["-a", "/eval/cfg/label_tv/higher_is_better"], file: url)
        XCTAssertTrue(dump.contains("H5T_ENUM"), dump)
        XCTAssertTrue(dump.contains("H5T_STD_I8LE"), dump)
        XCTAssertTrue(dump.contains("\"FALSE\"") && dump.contains("\"TRUE\""), dump)
    }

    /// h5py reads the attribute as `numpy.bool_`, so `if attrs["higher_is_better"]:` does the right thing.
    func testH5pyReadsABoolean() throws {
        let url = fileURL("flags.h5")
        let file = try HDF5File.create(url)
        try file.setAttribute("yes", .bool(true))
        try file.setAttribute("no", .bool(false))
        try file.close()
        let script = "import h5py, numpy, sys; a = h5py.File(sys.argv[1], 'r').attrs; "
            + "print(type(a['yes']).__name__, bool(a['yes']), type(a['no']).__name__, bool(a['no']))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, url.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("python3 with h5py is needed in CI") }
            throw XCTSkip("python3 with h5py is not available (pip install h5py)")
        }
        XCTAssertEqual(text.trimmingCharacters(in: .whitespacesAndNewlines), "bool True bool False")
    }
}
