/// A YAML scalar: its text as written and the type YAML resolves it to.
///
/// `1` is an integer, `1.0e-3` a float, `true` a boolean, `null` (or an empty value) a null,
/// and everything else, including any quoted text, a string.
public struct SpecScalar: Sendable, Hashable {
    /// The YAML type of a scalar (YAML 1.1 core resolution, as Yams does it).
    public enum Kind: String, Sendable, Hashable {
        case string, integer, float, boolean, null
    }

    /// The text as written in the file or override (without quotes).
    public var text: String
    /// The resolved YAML type.
    public var kind: Kind

    /// Creates a scalar from its text and type.
    public init(text: String, kind: Kind) {
        self.text = text
        self.kind = kind
    }

    /// The integer value, for `.integer` scalars (decimal, `0x`, `0o`, `0b`, with optional `_` separators).
    var integerValue: Int? {
        guard kind == .integer else { return nil }
        var digits = text.replacingOccurrences(of: "_", with: "")
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits.removeFirst()
        }
        let radix: Int
        switch digits.prefix(2).lowercased() {
        case "0x": radix = 16
        case "0o": radix = 8
        case "0b": radix = 2
        default: radix = 10
        }
        if radix != 10 { digits.removeFirst(2) }
        guard let magnitude = Int(digits, radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// The floating-point value, for `.integer` and `.float` scalars (`.inf`, `-.inf`, `.nan` included).
    var doubleValue: Double? {
        switch kind {
        case .integer:
            return integerValue.map(Double.init)
        case .float:
            let cleaned = text.replacingOccurrences(of: "_", with: "").lowercased()
            switch cleaned {
            case ".inf", "+.inf": return .infinity
            case "-.inf": return -.infinity
            case ".nan": return .nan
            default: return Double(cleaned)
            }
        default:
            return nil
        }
    }

    /// The boolean value, for `.boolean` scalars (`true/false/yes/no/on/off` in any YAML case).
    var booleanValue: Bool? {
        guard kind == .boolean else { return nil }
        return ["true", "yes", "on"].contains(text.lowercased())
    }

    /// Words for error messages: `integer '12'`, `string 'abc'`, `null`.
    ///
    /// The text is quoted as a short, printable snippet (``SpecSnippet``), so an error about a hostile or
    /// mistaken file (`extends: /etc/passwd`) never echoes the file back.
    var summary: String {
        kind == .null ? "null" : "\(kind.rawValue) '\(SpecSnippet.quoting(text))'"
    }
}
