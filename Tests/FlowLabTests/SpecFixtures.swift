import Foundation
import XCTest
@testable import FlowLab

/// Paths of the spec fixtures and helpers to assert on `SpecError`s.
enum SpecFixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/specs")

    /// The path of a fixture, such as `base.yaml` or `errors/wrong_type.yaml`.
    static func path(_ name: String) -> String {
        folder.appendingPathComponent(name).path
    }
}

/// Runs `body`, expects a `SpecError`, and returns it.
func expectSpecError<T>(_ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> SpecError? {
    do {
        _ = try body()
        XCTFail("expected a SpecError", file: file, line: line)
        return nil
    } catch let error as SpecError {
        return error
    } catch {
        XCTFail("expected a SpecError, got \(error)", file: file, line: line)
        return nil
    }
}

/// Runs `body`, expects a `SpecErrors` (several errors reported together), and returns its errors.
func expectSpecErrors<T>(_ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> [SpecError] {
    do {
        _ = try body()
        XCTFail("expected SpecErrors", file: file, line: line)
    } catch let error as SpecErrors {
        return error.errors
    } catch {
        XCTFail("expected SpecErrors, got \(error)", file: file, line: line)
    }
    return []
}

extension SpecLocation {
    /// `(file name, line, column)` of a file location, for compact assertions.
    var fileLineColumn: (String, Int, Int)? {
        if case let .file(path, line, column) = self { return ((path as NSString).lastPathComponent, line, column) }
        return nil
    }
}

/// Asserts a file location by file name, line and column.
func assertLocation(_ location: SpecLocation?, _ fileName: String, _ line: Int, _ column: Int,
                    file: StaticString = #filePath, sourceLine: UInt = #line) {
    guard let (name, actualLine, actualColumn) = location?.fileLineColumn else {
        XCTFail("expected a file location, got \(String(describing: location))", file: file, line: sourceLine)
        return
    }
    XCTAssertEqual(name, fileName, file: file, line: sourceLine)
    XCTAssertEqual(actualLine, line, "line", file: file, line: sourceLine)
    XCTAssertEqual(actualColumn, column, "column", file: file, line: sourceLine)
}
