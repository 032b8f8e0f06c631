/// Character classes of the Stanford PTB lexer (CoreNLP 3.4.1), over Unicode scalar values.
///
/// The lexer works on `UInt32` scalar values; `PTBCharacterClasses.end` stands for "past the end
/// of the text" so that look-ahead never needs a bounds check.
enum PTBCharacterClasses {
    /// Sentinel returned for positions past the end of the text.
    static let end: UInt32 = .max

    /// `[ \t\u00A0\u2000-\u200A\u3000]`: the lexer's in-line spaces.
    static func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || c == 0x09 || c == 0xA0 || (0x2000...0x200A).contains(c) || c == 0x3000
    }

    /// `\r|\n|\u2028|\u2029|\u000B|\u000C|\u0085`: line breaks.
    static func isNewline(_ c: UInt32) -> Bool {
        c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029 || c == 0x0B || c == 0x0C || c == 0x85
    }

    /// A space or a line break.
    static func isSpaceOrNewline(_ c: UInt32) -> Bool { isSpace(c) || isNewline(c) }

    /// `[A-Za-z]`.
    static func isASCIILetter(_ c: UInt32) -> Bool { (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) }

    /// `[A-Z]`.
    static func isASCIIUpper(_ c: UInt32) -> Bool { (0x41...0x5A).contains(c) }

    /// `[0-9]`.
    static func isASCIIDigit(_ c: UInt32) -> Bool { (0x30...0x39).contains(c) }

    /// Java's `Character.isLetter` (general category L*).
    static func isLetter(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIILetter(c) }
        guard c != end, let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Letters plus the combining marks and soft hyphen the lexer accepts inside words.
    static func isWordCharacter(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIILetter(c) }
        if c == 0xAD { return true }
        if isLetter(c) { return true }
        guard c != end, let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Java's `Character.isDigit` (general category Nd).
    static func isDigit(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIIDigit(c) }
        guard c != end, let scalar = Unicode.Scalar(c) else { return false }
        return scalar.properties.generalCategory == .decimalNumber
    }

    /// A letter or a digit.
    static func isLetterOrDigit(_ c: UInt32) -> Bool { isWordCharacter(c) || isDigit(c) }

    /// `APOS = ['\u0092\u2019]`: apostrophes that start clitics.
    static func isApostrophe(_ c: UInt32) -> Bool { c == 0x27 || c == 0x92 || c == 0x2019 }

    /// `APOSETCETERA`: apostrophes plus the left single quotes that appear inside words.
    static func isApostropheLike(_ c: UInt32) -> Bool {
        isApostrophe(c) || c == 0x91 || c == 0x2018 || c == 0x201B
    }

    /// `HYPHEN = [-_\u058A\u2010\u2011]`: joins the parts of a hyphenated word.
    static func isWordHyphen(_ c: UInt32) -> Bool {
        c == 0x2D || c == 0x5F || c == 0x58A || c == 0x2010 || c == 0x2011
    }

    /// Single and double quote characters other than `"` (mapped by the lexer's LaTeX quotes).
    static func isQuoteCharacter(_ c: UInt32) -> Bool {
        switch c {
        case 0x60, 0x2018, 0x2019, 0x201A, 0x201B, 0x201C, 0x201D, 0x91, 0x92, 0x93, 0x94,
             0x201E, 0x201F, 0x2039, 0x203A, 0xAB, 0xBB: return true
        default: return false
        }
    }

    /// ASCII case folding for matching the lexer's case-insensitive literals.
    static func lowerASCII(_ c: UInt32) -> UInt32 { isASCIIUpper(c) ? c + 0x20 : c }
}
