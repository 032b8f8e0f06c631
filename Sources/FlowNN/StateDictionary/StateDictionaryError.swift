/// Why a state dictionary does not fit a module: every missing, unexpected and mis-shaped name at once.
public struct StateDictionaryError: Error, Equatable, CustomStringConvertible {
    /// A tensor whose shape differs from the parameter it would load into.
    public struct Mismatch: Equatable, Sendable {
        /// The dotted name.
        public let name: String
        /// The parameter's shape.
        public let expected: [Int]
        /// The shape in the state dictionary.
        public let found: [Int]
    }

    /// What was being loaded (e.g. "state dictionary", "optimizer state", or a file path and group).
    public var context: String
    /// Names the module has but the dictionary lacks.
    public var missing: [String] = []
    /// Names the dictionary has but the module lacks.
    public var unexpected: [String] = []
    /// Names present on both sides with different shapes.
    public var mismatched: [Mismatch] = []

    /// An empty error about `context`.
    init(context: String) { self.context = context }

    /// Whether nothing is wrong.
    var isEmpty: Bool { missing.isEmpty && unexpected.isEmpty && mismatched.isEmpty }

    /// The same error with every list sorted by name.
    func sorted() -> StateDictionaryError {
        var copy = self
        copy.missing.sort()
        copy.unexpected.sort()
        copy.mismatched.sort { $0.name < $1.name }
        return copy
    }

    public var description: String {
        var lines = ["cannot load \(context):"]
        if !missing.isEmpty { lines.append("  missing (\(missing.count)): \(missing.joined(separator: ", "))") }
        if !unexpected.isEmpty { lines.append("  unexpected (\(unexpected.count)): \(unexpected.joined(separator: ", "))") }
        if !mismatched.isEmpty {
            let items = mismatched.map { "\($0.name) expects \($0.expected), found \($0.found)" }
            lines.append("  mis-shaped (\(mismatched.count)): \(items.joined(separator: "; "))")
        }
        return lines.joined(separator: "\n")
    }

    /// Compares names and shapes; throws when any shape differs, or (when `strict`) any name is missing or unexpected.
    static func check(expected: [String: [Int]], given: [String: [Int]], strict: Bool, context: String) throws {
        var error = StateDictionaryError(context: context)
        for (name, shape) in expected {
            guard let found = given[name] else {
                if strict { error.missing.append(name) }
                continue
            }
            if found != shape { error.mismatched.append(Mismatch(name: name, expected: shape, found: found)) }
        }
        if strict { error.unexpected = given.keys.filter { expected[$0] == nil } }
        guard error.isEmpty else { throw error.sorted() }
    }
}
