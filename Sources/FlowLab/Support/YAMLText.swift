/// Small helpers for writing YAML text by hand, so the output order is exactly the order given.
enum YAMLText {
    /// `text` as a YAML double-quoted scalar (JSON-style escapes, which YAML accepts).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A block sequence of quoted strings, each line prefixed by `indent`; `[]` when empty.
    static func list(_ items: [String], indent: String = "") -> String {
        if items.isEmpty { return indent + "[]\n" }
        return items.map { indent + "- " + quoted($0) + "\n" }.joined()
    }
}
