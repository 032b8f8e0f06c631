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

    /// A number array; the script writes non-finite values as the strings "inf", "-inf" and "nan".
    func doubles(_ key: String) throws -> [Double] {
        let array = try XCTUnwrap(values[key] as? [Any], "missing array \(key)")
        return try array.enumerated().map { index, element in
            if let number = element as? NSNumber { return number.doubleValue }
            return try XCTUnwrap((element as? String).flatMap(Double.init), "\(key)[\(index)] is not a number: \(element)")
        }
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
        let error = a == e ? 0 : abs(a - e) / max(1, abs(e))  // equal infinities agree
        if !(error <= worst) { worst = error; worstIndex = index }
    }
    XCTAssert(worst <= tolerance, "\(message): worst error \(worst) at \(worstIndex) (\(actual[worstIndex]) vs \(expected[worstIndex]))",
              file: file, line: line)
}
