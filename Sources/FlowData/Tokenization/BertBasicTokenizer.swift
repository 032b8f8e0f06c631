import Foundation

/// BERT's basic tokenizer (uncased): text cleaned, CJK ideographs split off, lower-cased, accents stripped,
/// then split on whitespace and punctuation, as `transformers.BasicTokenizer(do_lower_case=True)` and the
/// `tokenizers` `BertNormalizer` + `BertPreTokenizer` do.
///
/// ```swift
/// BertBasicTokenizer().words(in: "Héllo, WORLD!")   // ["hello", ",", "world", "!"]
/// ```
public struct BertBasicTokenizer: Sendable {
    /// Whether words are lower-cased and stripped of accents (BERT uncased).
    public let lowercases: Bool

    /// A basic tokenizer; `lowercases` selects the uncased behaviour.
    public init(lowercases: Bool = true) { self.lowercases = lowercases }

    /// The words and punctuation marks of `text`, in order.
    public func words(in text: String) -> [String] {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isChineseCharacter(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(Self.isSpace(scalar) ? " " : scalar)
            }
        }
        var words: [String] = []
        for piece in String(cleaned).unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace }) {
            var word = String(String.UnicodeScalarView(piece))
            if lowercases { word = Self.strippingAccents(word.lowercased()) }
            Self.splitOnPunctuation(word, into: &words)
        }
        return words
    }

    /// `text` in canonical decomposition (NFD) without its non-spacing marks (category Mn).
    static func strippingAccents(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(\.isASCII) { return text }
        let decomposed = text.decomposedStringWithCanonicalMapping.unicodeScalars
        return String(String.UnicodeScalarView(decomposed.filter { $0.properties.generalCategory != .nonspacingMark }))
    }

    /// Appends the runs of `word` between punctuation marks, and each mark on its own.
    static func splitOnPunctuation(_ word: String, into words: inout [String]) {
        var current = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if isPunctuation(scalar) {
                if !current.isEmpty { words.append(String(current)) }
                current = String.UnicodeScalarView()
                words.append(String(scalar))
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
    }

    /// Whether `scalar` is a control character BERT drops (category C*, except tab, newline and carriage return).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// Whether BERT treats `scalar` as a space: space, tab, newline, carriage return or category Zs.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
            || scalar.properties.generalCategory == .spaceSeparator
    }

    /// Whether BERT splits at `scalar`: ASCII non-alphanumeric symbols, or category P*.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value) || (123...126).contains(value) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Whether `scalar` is a CJK ideograph (the Unicode blocks BERT lists), which becomes a word of its own.
    static func isChineseCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
