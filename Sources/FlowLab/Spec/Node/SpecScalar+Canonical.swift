extension SpecScalar {
    /// The scalar as text that YAML 1.1 and 1.2 readers (PyYAML, Yams, ruamel) all read as the same value.
    ///
    /// Integers are plain decimal (`017` → `17`, which PyYAML would read as octal 15; `1_000` → `1000`;
    /// `0x10` → `16`); booleans are `true`/`false`; null is `null`; a float keeps its text when it already has
    /// the YAML 1.1 form (`2.0e-3`, `0.5`), else is rewritten with a decimal point and a signed exponent
    /// (`1e3` → `1000.0`). Strings are returned as they are (the writer quotes them).
    var canonicalText: String {
        switch kind {
        case .integer:
            return integerValue.map(String.init) ?? text
        case .boolean:
            return booleanValue.map { $0 ? "true" : "false" } ?? text
        case .null:
            return "null"
        case .float:
            guard let value = doubleValue, value.isFinite else {
                return doubleValue.map { $0.isNaN ? ".nan" : ($0 < 0 ? "-.inf" : ".inf") } ?? text
            }
            if Self.isYAML11Float(text) { return text }
            var written = "\(value)"
            if let exponent = written.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                if !written[..<exponent].contains(".") { written.insert(contentsOf: ".0", at: exponent) }
                let sign = written.index(after: written.firstIndex(where: { $0 == "e" || $0 == "E" })!)
                if written[sign] != "-" && written[sign] != "+" { written.insert("+", at: sign) }
            }
            return written
        case .string:
            return text
        }
    }

    /// Whether `text` matches YAML 1.1's float form `[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?`.
    static func isYAML11Float(_ text: String) -> Bool {
        var characters = Substring(text)
        if let sign = characters.first, sign == "-" || sign == "+" { characters = characters.dropFirst() }
        let integerPart = characters.prefix { $0.isASCII && ($0.isNumber || $0 == "_") }
        if let first = integerPart.first, first == "_" { return false }
        characters = characters.dropFirst(integerPart.count)
        guard characters.first == "." else { return false }
        characters = characters.dropFirst()
        characters = characters.drop { $0.isASCII && ($0.isNumber || $0 == "_") }
        guard let marker = characters.first else { return !integerPart.isEmpty || text.contains(where: \.isNumber) }
        guard marker == "e" || marker == "E" else { return false }
        characters = characters.dropFirst()
        guard let sign = characters.first, sign == "-" || sign == "+" else { return false }
        characters = characters.dropFirst()
        return !characters.isEmpty && characters.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
