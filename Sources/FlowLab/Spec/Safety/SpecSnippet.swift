/// A short, printable excerpt of user-supplied text for error messages.
///
/// Errors quote what they reject, but a spec can be any file (`extends: /proc/self/environ`), so the quote is
/// cut to ``maximumLength`` characters and control characters are written as escapes: an error never echoes a
/// secret file, a terminal escape sequence or a megabyte of text.
///
/// ```swift
/// SpecSnippet.quoting("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:...")  // "root:x:0:0:root:/root:/bin/b… (1342 characters)"
/// ```
enum SpecSnippet {
    /// The most characters of the original text shown.
    static let maximumLength = 32

    /// `text` with control characters escaped, cut to `limit` characters with a note of the full length.
    static func quoting(_ text: String, limit: Int = maximumLength) -> String {
        var result = ""
        var shown = 0
        for character in text {
            guard shown < limit else {
                return result + "… (\(text.count) characters)"
            }
            result += escaped(character)
            shown += 1
        }
        return result
    }

    private static func escaped(_ character: Character) -> String {
        switch character {
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        default: break
        }
        guard character.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControlOrFormat }) else {
            return character.unicodeScalars.map { "\\u{\(String($0.value, radix: 16))}" }.joined()
        }
        return String(character)
    }
}

private extension Unicode.GeneralCategory {
    /// Control, format, surrogate, private-use and unassigned code points: never printed raw.
    var isControlOrFormat: Bool {
        switch self {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
