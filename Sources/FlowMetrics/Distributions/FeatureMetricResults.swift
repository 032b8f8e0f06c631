/// Named metric values in a fixed order, printable as one JSON object.
public struct FeatureMetricResults: Sendable {
    /// The values, in output order.
    public let entries: [(name: String, value: Double)]

    /// Creates results from ordered `(name, value)` pairs.
    public init(entries: [(name: String, value: Double)]) {
        self.entries = entries
    }

    /// Returns the value named `name`, or `nil`.
    public subscript(name: String) -> Double? {
        entries.first { $0.name == name }?.value
    }

    /// Returns one JSON object on one line, keys in order, numbers in shortest round-trip form
    /// (`{"fid": 12.5, "kid_mean": 0.0031, ...}`); a non-finite value is written as `null`.
    public func jsonObject() -> String {
        let members = entries.map { entry in
            "\"\(entry.name)\": \(entry.value.isFinite ? "\(entry.value)" : "null")"
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// The same JSON object with string members `extra` (sorted by key) after the numbers, e.g. which feature space.
    public func jsonObject(extra: [String: String]) -> String {
        let base = jsonObject()
        guard !extra.isEmpty else { return base }
        let members = extra.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\(Self.escaped($0.value))\"" }
        return String(base.dropLast()) + (entries.isEmpty ? "" : ", ") + members.joined(separator: ", ") + "}"
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
