/// Splitting of tokenized captions exactly as pycocoevalcap's scorers do it in Python.
enum PythonWhitespace {
    /// Python's `str.isspace()` characters, the separators of `str.split()` without arguments.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `s.split()`: runs of whitespace separate words; no empty words (BLEU, CIDEr-D).
    static func splitOnWhitespace(_ text: String) -> [Substring] {
        var words: [Substring] = []
        let scalars = text.unicodeScalars
        var wordStart: String.UnicodeScalarView.Index?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            if isWhitespace(scalars[index]) {
                if let start = wordStart { words.append(Substring(scalars[start..<index])) }
                wordStart = nil
            } else if wordStart == nil {
                wordStart = index
            }
            index = scalars.index(after: index)
        }
        if let start = wordStart { words.append(Substring(scalars[start..<scalars.endIndex])) }
        return words
    }

    /// `s.split(" ")`: every single space separates, so `""` gives `[""]` (ROUGE-L).
    static func splitOnSpace(_ text: String) -> [Substring] {
        text.split(separator: " ", omittingEmptySubsequences: false)
    }
}
