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
