/// Minimal JSON writing with a fixed key order (pycocoevalcap's metric order).
enum CaptionJSON {
    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A JSON number: shortest round-tripping form; non-finite values become `null`.
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    /// `{"key": value, ...}` with the keys in the given order.
    static func object(_ pairs: [(String, String)], indent: String? = nil) -> String {
        let separator = indent.map { ",\n" + $0 } ?? ", "
        let body = pairs.map { quoted($0.0) + ": " + $0.1 }.joined(separator: separator)
        if let indent { return "{\n" + indent + body + "\n}" }
        return "{" + body + "}"
    }
}
