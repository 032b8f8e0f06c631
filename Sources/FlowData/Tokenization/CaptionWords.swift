/// Splits captions into lower-case words and punctuation marks, and joins them back into text.
///
/// Words are separated by white space; the marks `, . ; : ! ?` (and any other Unicode punctuation
/// at either end of a word) become words of their own. Joining puts no space before such a mark.
///
/// ```swift
/// CaptionWords.split("Top left: a small red circle.")   // ["top", "left", ":", "a", "small", "red", "circle", "."]
/// CaptionWords.join(["top", "left", ":", "a", "circle"]) // "top left: a circle"
/// ```
public enum CaptionWords {
    /// The lower-cased words and punctuation marks of `text`, in order.
    public static func split(_ text: String) -> [String] {
        var words: [String] = []
        for chunk in text.lowercased().split(whereSeparator: { $0.isWhitespace }) {
            var core = Substring(chunk)
            var leading: [String] = []
            var trailing: [String] = []
            while let first = core.first, isMark(first), core.count > 0 {
                leading.append(String(first))
                core = core.dropFirst()
            }
            while let last = core.last, isMark(last) {
                trailing.insert(String(last), at: 0)
                core = core.dropLast()
            }
            words += leading
            if !core.isEmpty { words.append(String(core)) }
            words += trailing
        }
        return words
    }

    /// `words` as text: separated by spaces, except before a punctuation mark.
    public static func join(_ words: [String]) -> String {
        var text = ""
        for word in words {
            if !text.isEmpty, !(word.count == 1 && isMark(word.first!)) { text += " " }
            text += word
        }
        return text
    }

    /// Whether `character` is split off as its own word (punctuation other than the apostrophe and the hyphen).
    static func isMark(_ character: Character) -> Bool {
        character != "'" && character != "-" && character.unicodeScalars.allSatisfy { $0.properties.generalCategory.isPunctuation }
    }
}

private extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            true
        default:
            false
        }
    }
}
