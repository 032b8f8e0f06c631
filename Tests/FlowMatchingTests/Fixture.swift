import Foundation
import XCTest

/// A JSON fixture written by Scripts/fixtures/matching_reference.py.
struct Fixture {
    let values: [String: Any]

    init(_ name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/matching/\(name)")
        let data = try Data(contentsOf: url)
        values = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name) is not a JSON object")
    }

    init(values: [String: Any]) { self.values = values }

    func doubles(_ key: String) throws -> [Double] {
        try XCTUnwrap(values[key] as? [Double] ?? (values[key] as? [NSNumber])?.map(\.doubleValue), "missing array \(key)")
    }

    func integers(_ key: String) throws -> [Int] {
        try XCTUnwrap((values[key] as? [NSNumber])?.map(\.intValue), "missing integer array \(key)")
    }

    func double(_ key: String) throws -> Double {
        try XCTUnwrap((values[key] as? NSNumber)?.doubleValue, "missing number \(key)")
    }

    func integer(_ key: String) throws -> Int {
        try XCTUnwrap((values[key] as? NSNumber)?.intValue, "missing integer \(key)")
    }

    func child(_ path: String...) throws -> Fixture {
        var current: Any = values
        for key in path {
            current = try XCTUnwrap((current as? [String: Any])?[key], "missing object \(path.joined(separator: "."))")
        }
        return Fixture(values: try XCTUnwrap(current as? [String: Any]))
    }
}

/// Asserts two arrays agree element by element within `tolerance` (absolute, relative for large values).
func assertClose(_ actual: [Double], _ expected: [Double], tolerance: Double, _ message: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "\(message): count", file: file, line: line)
    var worst = 0.0, worstIndex = 0
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        let error = abs(a - e) / max(1, abs(e))
        if !(error <= worst) { worst = error; worstIndex = index }
    }
    XCTAssert(worst <= tolerance, "\(message): worst error \(worst) at \(worstIndex) (\(actual[worstIndex]) vs \(expected[worstIndex]))",
              file: file, line: line)
}
