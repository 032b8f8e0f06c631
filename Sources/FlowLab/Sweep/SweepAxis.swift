import Foundation

/// One swept key and the values it takes, e.g. `train.optimizer.lr` over `1.0e-3` and `3.0e-3`.
///
/// Values are YAML flow text exactly as written (`0.1`, `[0, 1]`, `{name: cfg, scale: 3}`); each
/// job turns them into the override `key=value`. Example:
///
///     let axis = try SweepAxis(multirunArgument: "seeds=[0],[1],[2]")   // key "seeds", values ["[0]", "[1]", "[2]"]
public struct SweepAxis: Sendable, Equatable {
    /// The dotted key path being swept.
    public var key: String
    /// The values, in order, as YAML flow text.
    public var values: [String]

    /// Creates an axis; `values` must be non-empty and `key` a non-empty key path without `=` or spaces.
    public init(key: String, values: [String]) throws {
        guard !key.isEmpty, !key.contains("="), !key.contains(where: \.isWhitespace) else {
            throw SweepError("invalid sweep key '\(key)': expected a dotted key path like train.optimizer.lr")
        }
        guard !values.isEmpty else {
            throw SweepError("sweep key '\(key)' has no values")
        }
        if let index = values.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw SweepError("sweep key '\(key)' has an empty value at position \(index + 1)")
        }
        self.key = key
        self.values = values
    }

    /// Parses a command-line `-m key=a,b,c` argument, splitting the values on commas outside `[..]`, `{..}`, `(..)` and quotes.
    public init(multirunArgument: String) throws {
        guard let equals = multirunArgument.firstIndex(of: "=") else {
            throw SweepError("invalid sweep argument '\(multirunArgument)': expected key=value1,value2,...")
        }
        let key = String(multirunArgument[..<equals]).trimmingCharacters(in: .whitespaces)
        let valueText = String(multirunArgument[multirunArgument.index(after: equals)...])
        let values: [String]
        do {
            values = try Self.splitTopLevel(valueText)
        } catch let error as SweepError {
            throw SweepError("invalid sweep argument '\(multirunArgument)': \(error.message)")
        }
        try self.init(key: key, values: values)
    }

    /// The override string of this axis's value number `valueIndex`.
    func override(valueIndex: Int) -> String {
        "\(key)=\(values[valueIndex])"
    }

    /// Splits `text` on commas that are not inside brackets, braces, parentheses or quotes; pieces are trimmed.
    static func splitTopLevel(_ text: String) throws -> [String] {
        var pieces: [String] = []
        var current = ""
        var closers: [Character] = []
        var quote: Character?
        var escaped = false
        for character in text {
            if let activeQuote = quote {
                current.append(character)
                if escaped {
                    escaped = false
                } else if character == "\\" && activeQuote == "\"" {
                    escaped = true
                } else if character == activeQuote {
                    quote = nil
                }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                current.append(character)
            case "[", "{", "(":
                closers.append(character == "[" ? "]" : character == "{" ? "}" : ")")
                current.append(character)
            case "]", "}", ")":
                guard closers.last == character else {
                    throw SweepError("unbalanced '\(character)' in '\(text)'")
                }
                closers.removeLast()
                current.append(character)
            case "," where closers.isEmpty:
                pieces.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            default:
                current.append(character)
            }
        }
        if let quote { throw SweepError("unterminated \(quote) quote in '\(text)'") }
        if let closer = closers.last { throw SweepError("missing '\(closer)' in '\(text)'") }
        pieces.append(current.trimmingCharacters(in: .whitespaces))
        return pieces
    }
}
