import Yams

/// Parses command-line overrides in Hydra's grammar (see ``Override``) and sweep value lists.
///
/// ```swift
/// let steps = try OverrideParser.parse("train.steps=500")        // .set, ["train", "steps"], 500
/// let lists = try OverrideParser.sweepValues("1,2,[3,4]")        // [1, 2, [3, 4]]
/// let sweep = try OverrideParser.parseSweep("train.steps=100,200") // two .set overrides
/// ```
public enum OverrideParser {
    /// Parses one override; a comma-separated value list (a sweep) is an error here.
    public static func parse(_ text: String) throws -> Override {
        let (action, keyPath, valueText) = try split(text)
        let location = SpecLocation.override(text)
        guard let valueText else { return Override(action: action, keyPath: keyPath, value: nil, location: location) }
        let pieces = try topLevelPieces(valueText, location: location)
        if pieces.count > 1 {
            throw SpecError(location: location, keyPath: keyPath.joined(separator: "."),
                            message: "'\(valueText)' is a list of sweep values (a,b,c); quote it (\"a,b\") for one string, write [a, b] for a list, or run it as a sweep")
        }
        let parsed = try value(valueText, location: location, keyPath: keyPath.joined(separator: "."))
        return Override(action: action, keyPath: keyPath, value: parsed, location: location)
    }

    /// Parses `key=a,b,c` into one override per value, for sweeps (`flowlab sweep ... key=a,b,c`).
    public static func parseSweep(_ text: String) throws -> [Override] {
        let (action, keyPath, valueText) = try split(text)
        let location = SpecLocation.override(text)
        guard let valueText, action != .delete else {
            throw SpecError(location: location, keyPath: keyPath.joined(separator: "."), message: "a sweep needs key=value1,value2,...")
        }
        let key = keyPath.joined(separator: ".")
        return try topLevelPieces(valueText, location: location).map { try value($0, location: location, keyPath: key) }.map {
            Override(action: action, keyPath: keyPath, value: $0, location: location)
        }
    }

    /// Splits `a,b,[1,2]` at top-level commas (outside brackets, braces and quotes) and parses each value.
    public static func sweepValues(_ text: String, location: SpecLocation? = nil) throws -> [SpecNode] {
        let location = location ?? .override(text)
        return try topLevelPieces(text, location: location).map { try value($0, location: location, keyPath: "") }
    }

    /// Parses one value: `[..]`, `{..}` and quoted text as YAML flow, anything else as a plain scalar.
    static func value(_ raw: String, location: SpecLocation, keyPath: String) throws -> SpecNode {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let first = text.first else { return .string("", location: location) }
        guard "[{\"'".contains(first) else { return .plain(text, location: location) }
        try YAMLLimits.checkNesting(of: text, location: location, keyPath: keyPath)
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch {
            throw SpecError(location: location, keyPath: keyPath, message: "invalid value '\(text)': \(describe(error))")
        }
        guard let composed else { return .null(location: location) }
        var budget = YAMLLimits.NodeBudget()
        let node = try SpecNode(yams: composed, budget: &budget) { _ in location }
        let expected: String
        switch (first, node.value) {
        case ("[", .sequence), ("{", .mapping), ("\"", .scalar), ("'", .scalar): return node
        case ("[", _): expected = "a list"
        case ("{", _): expected = "a mapping"
        default: expected = "one quoted string"
        }
        throw SpecError(location: location, keyPath: keyPath, message: "invalid value '\(text)': expected \(expected)")
    }

    /// `(action, key path, value text or nil)` of `[+|++|~]key[=value]`.
    private static func split(_ text: String) throws -> (Override.Action, [String], String?) {
        let location = SpecLocation.override(text)
        var rest = Substring(text)
        let action: Override.Action
        if rest.hasPrefix("++") {
            action = .setOrAdd; rest = rest.dropFirst(2)
        } else if rest.hasPrefix("+") {
            action = .add; rest = rest.dropFirst()
        } else if rest.hasPrefix("~") {
            action = .delete; rest = rest.dropFirst()
        } else {
            action = .set
        }
        let equals = rest.firstIndex(of: "=")
        let key = String(equals.map { rest[..<$0] } ?? rest).trimmingCharacters(in: .whitespaces)
        let valueText = equals.map { String(rest[rest.index(after: $0)...]) }
        if valueText == nil, action != .delete {
            throw SpecError(location: location, keyPath: key,
                            message: "expected key=value (or ~key to delete a key)")
        }
        let keyPath = try parseKeyPath(key, location: location)
        return (action, keyPath, valueText)
    }

    /// Splits and checks a dotted key path: non-empty segments of letters, digits, `_` and `-`.
    static func parseKeyPath(_ key: String, location: SpecLocation) throws -> [String] {
        guard !key.isEmpty else { throw SpecError(location: location, keyPath: "", message: "missing key before '='") }
        let segments = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        for segment in segments where segment.isEmpty || !segment.allSatisfy(allowed.contains) {
            throw SpecError(location: location, keyPath: key,
                            message: "invalid key '\(key)': use dot-separated names of letters, digits, '_' and '-'")
        }
        return segments
    }

    /// Splits at commas outside brackets, braces and quotes; unbalanced text is an error.
    private static func topLevelPieces(_ text: String, location: SpecLocation) throws -> [String] {
        var pieces: [String] = [], current = "", closers: [Character] = [], quote: Character?
        var previous: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open, !(open == "\"" && previous == "\\") { quote = nil }
                previous = previous == "\\" && character == "\\" ? nil : character
                continue
            }
            previous = character
            switch character {
            case "\"", "'": quote = character
            case "[": closers.append("]")
            case "{": closers.append("}")
            case "]", "}":
                guard closers.popLast() == character else {
                    throw SpecError(location: location, keyPath: "", message: "unbalanced '\(character)' in '\(text)'")
                }
            case "," where closers.isEmpty:
                pieces.append(current); current = ""
                continue
            default: break
            }
            current.append(character)
        }
        if let quote { throw SpecError(location: location, keyPath: "", message: "unclosed \(quote) in '\(text)'") }
        if let closer = closers.last { throw SpecError(location: location, keyPath: "", message: "missing '\(closer)' in '\(text)'") }
        pieces.append(current)
        return pieces
    }

    private static func describe(_ error: Error) -> String {
        if let yaml = error as? YamlError {
            switch yaml {
            case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _): return problem
            default: break
            }
        }
        return "\(error)"
    }
}
