import Foundation
import XCTest
@testable import FlowHDF5

/// A test case with a fresh temporary folder per test, removed afterwards.
class HDF5TestCase: XCTestCase {
    /// The folder this test writes its files into.
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("FlowHDF5Tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A path for `name` inside this test's folder.
    func fileURL(_ name: String) -> URL {
        folder.appendingPathComponent(name)
    }

    /// Runs `body`, expects it to throw an `HDF5Error` of `kind`, and returns the error.
    @discardableResult
    func expectHDF5Error<T>(_ kind: HDF5Error.Kind, file: StaticString = #filePath, line: UInt = #line,
                            _ body: () throws -> T) -> HDF5Error? {
        do {
            _ = try body()
            XCTFail("expected an HDF5Error of kind \(kind), but nothing was thrown", file: file, line: line)
        } catch let error as HDF5Error {
            XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: line)
            return error
        } catch {
            XCTFail("expected an HDF5Error, got \(error)", file: file, line: line)
        }
        return nil
    }
}
