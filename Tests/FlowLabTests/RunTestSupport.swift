import FlowHDF5
import Foundation
import XCTest

/// A fresh temporary folder for one test, removed when the test ends.
func makeRunTestFolder(_ testCase: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("flowlab-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// The names in `directory`, sorted, including hidden ones.
func runTestListing(_ directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

/// A simple error for injected failures.
struct RunTestInjectedFailure: Error {}

/// Every dataset under `group` of the two files holds the same bits (except those whose names end in `skipping`,
/// such as the timings `_per_second`).
func assertSameDatasets(_ first: URL, _ second: URL, under group: String, skipping: String? = nil,
                        file: StaticString = #filePath, line: UInt = #line) throws {
    let a = try HDF5File.open(first), b = try HDF5File.open(second)
    defer { try? a.close(); try? b.close() }
    let paths = try a.datasetPaths(under: group)
    XCTAssertEqual(paths, try b.datasetPaths(under: group), first.lastPathComponent, file: file, line: line)
    XCTAssertFalse(paths.isEmpty, file: file, line: line)
    for path in paths where skipping.map({ !path.hasSuffix($0) }) ?? true {
        switch try a.datasetInfo(path).dataType {
        case .int32, .int64, .uint8:
            XCTAssertEqual(try a.read(path, as: Int64.self).values, try b.read(path, as: Int64.self).values, path, file: file, line: line)
        case .string:
            XCTAssertEqual(try a.readStrings(path), try b.readStrings(path), path, file: file, line: line)
        default:
            let x = try a.read(path, as: Double.self).values, y = try b.read(path, as: Double.self).values
            XCTAssertEqual(x.map(\.bitPattern), y.map(\.bitPattern), "\(first.lastPathComponent) \(path) differs", file: file, line: line)
        }
    }
}
