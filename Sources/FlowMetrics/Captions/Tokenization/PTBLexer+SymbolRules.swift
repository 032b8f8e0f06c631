import Foundation

/// Lexer rules for numbers, URLs, quotes, brackets, dashes and other punctuation.
extension PTBLexer {
    /// `<tag ...>` kept whole.
    func sgmlTag(_ start: Int) -> Match? {
        guard at(start) == 0x3C else { return nil }
        var index = start + 1
        if at(index) == 0x2F { index += 1 }
        guard Classes.isASCIILetter(at(index)) || at(index) == 0x21 else { return nil }
        while index < text.count && text[index] != 0x3E && text[index] != 0x0A { index += 1 }
        guard at(index) == 0x3E else { return nil }
        return Match(length: index + 1 - start, consumed: index + 1 - start, tokens: [string(start, index + 1)])
    }

    /// En, em and horizontal-bar dashes -> `--`.
    func dash(_ start: Int) -> Match? {
        switch at(start) {
        case 0x96, 0x97, 0x2013, 0x2014, 0x2015: return Match(length: 1, consumed: 1, tokens: ["--"])
        default: return nil
        }
    }

    /// `&amp;` -> `&`.
    func ampersandEntity(_ start: Int) -> Match? {
        matchesLiteral("&amp;", at: start) ? Match(length: 5, consumed: 5, tokens: ["&"]) : nil
    }

    /// `https?://...` and `www.` addresses.
    func url(_ start: Int) -> Match? {
        func trailingStop(_ c: UInt32) -> Bool {
            Self.isURLStop(c) || c == 0x2E || c == 0x21 || c == 0x3F || c == 0x7B || c == 0x7D || c == 0x2C || c == 0x2D
        }
        var bodyStart: Int
        if matchesLiteral("https://", at: start) { bodyStart = start + 8 } else if matchesLiteral("http://", at: start) {
            bodyStart = start + 7
        } else if matchesLiteral("www.", at: start) { bodyStart = start + 4 } else { return nil }
        var end = runEnd(from: bodyStart) { !Self.isURLStop($0) && !Classes.isSpaceOrNewline($0) }
        while end > bodyStart && trailingStop(text[end - 1]) { end -= 1 }
        guard end > bodyStart else { return nil }
        bodyStart = end
        return Match(length: end - start, consumed: end - start, tokens: [string(start, end)])
    }

    /// Characters that end a URL or an e-mail address: whitespace, `" < > | ( )`.
    static func isURLStop(_ c: UInt32) -> Bool {
        switch c {
        case 0x20, 0x09, 0x0A, 0x0C, 0x0D, 0x22, 0x3C, 0x3E, 0x7C, 0x28, 0x29: return true
        default: return false
        }
    }

    /// `name@host.tld`.
    func email(_ start: Int) -> Match? {
        guard Classes.isASCIILetter(at(start)) || Classes.isASCIIDigit(at(start)) else { return nil }
        func stops(_ c: UInt32) -> Bool { Self.isURLStop(c) || c == 0xA0 }
        let atSign = runEnd(from: start) { !stops($0) && $0 != 0x40 }
        guard at(atSign) == 0x40 else { return nil }
        var index = atSign + 1
        var lastDomainEnd = -1
        while true {
            let labelEnd = runEnd(from: index) { !stops($0) && $0 != 0x2E }
            guard labelEnd > index, at(labelEnd) == 0x2E else { break }
            let tldEnd = runEnd(from: labelEnd + 1, Classes.isASCIILetter)
            if (2...4).contains(tldEnd - labelEnd - 1) { lastDomainEnd = tldEnd }
            index = labelEnd + 1
        }
        guard lastDomainEnd > 0 else { return nil }
        return Match(length: lastDomainEnd - start, consumed: lastDomainEnd - start, tokens: [string(start, lastDomainEnd)])
    }

    /// `d{1,2}[-/]d{1,2}[-/]d{2,4}`.
    func date(_ start: Int) -> Match? {
        func digits(_ from: Int, _ minimum: Int, _ maximum: Int) -> Int? {
            let end = runEnd(from: from, Classes.isDigit)
            let count = min(end - from, maximum)
            return count >= minimum ? from + count : nil
        }
        guard let first = digits(start, 1, 2), at(first) == 0x2D || at(first) == 0x2F,
              let second = digits(first + 1, 1, 2), at(second) == 0x2D || at(second) == 0x2F,
              let third = digits(second + 1, 2, 4) else { return nil }
        return Match(length: third - start, consumed: third - start, tokens: [string(start, third)])
    }

    /// `[-+]?(d+ | d*([.:,]d+)+)`.
    func number(_ start: Int) -> Match? {
        var index = start
        if at(index) == 0x2D || at(index) == 0x2B { index += 1 }
        var end = runEnd(from: index, Classes.isDigit)
        func isSeparator(_ c: UInt32) -> Bool { c == 0x2E || c == 0x3A || c == 0x2C || c == 0xAD || c == 0x66B || c == 0x66C }
        while isSeparator(at(end)) && Classes.isDigit(at(end + 1)) {
            end = runEnd(from: end + 1, Classes.isDigit)
        }
        guard end > index else { return nil }
        return Match(length: end - start, consumed: end - start, span: start..<end)
    }

    /// `(d{1,4}[- \u00A0])?d{1,4}/d{1,4}`; a space inside becomes U+00A0.
    func fraction(_ start: Int) -> Match? {
        func digits(_ from: Int) -> Int? {
            let end = runEnd(from: from, Classes.isDigit)
            return end > from && end - from <= 4 ? end : nil
        }
        func simple(_ from: Int) -> Int? {
            guard let numerator = digits(from) else { return nil }
            var slash = numerator
            if at(slash) == 0x5C { slash += 1 }
            guard at(slash) == 0x2F || at(slash) == 0x2044, let denominator = digits(slash + 1) else { return nil }
            return denominator
        }
        var best: Int?
        if let whole = digits(start), at(whole) == 0x2D || at(whole) == 0x20 || at(whole) == 0xA0, let end = simple(whole + 1) { best = end }
        if best == nil, let end = simple(start) { best = end }
        guard let end = best else { return nil }
        let token = String(string(start, end).map { $0 == " " ? "\u{00A0}" : $0 })
        return Match(length: end - start, consumed: end - start, tokens: [token])
    }

    /// `¼ ½ ¾ ⅓ ⅔` spelled out; other vulgar fractions kept.
    func unicodeFraction(_ start: Int) -> Match? {
        let c = at(start)
        let name: String?
        switch c {
        case 0xBC: name = "1/4"
        case 0xBD: name = "1/2"
        case 0xBE: name = "3/4"
        case 0x2153: name = "1/3"
        case 0x2154: name = "2/3"
        default: name = nil
        }
        if let name { return Match(length: 1, consumed: 1, tokens: [name]) }
        if (0x2155...0x215E).contains(c) { return Match(length: 1, consumed: 1, tokens: [string(start, start + 1)]) }
        return nil
    }

    /// `and/or`, `w/o`: alphanumerics joined by one or two slashes.
    func slashThing(_ start: Int) -> Match? {
        func alphanumeric(_ c: UInt32) -> Bool { Classes.isASCIILetter(c) || Classes.isASCIIDigit(c) }
        func part(_ from: Int) -> Int? {
            var end = runEnd(from: from, alphanumeric)
            guard end > from else { return nil }
            var hyphens = 0
            while hyphens < 2, at(end) == 0x2D {
                let next = runEnd(from: end + 1, Classes.isASCIILetter)
                guard next > end + 1 else { break }
                end = next
                hyphens += 1
            }
            return end
        }
        guard var end = part(start) else { return nil }
        var slashes = 0
        while slashes < 2 {
            var slash = end
            if at(slash) == 0x5C { slash += 1 }
            guard at(slash) == 0x2F, let next = part(slash + 1) else { break }
            end = next
            slashes += 1
        }
        guard slashes > 0 else { return nil }
        return Match(length: end - start, consumed: end - start, tokens: [string(start, end)])
    }

    /// `$`, `US$`, `#`, and currency signs (`¢` -> `cents`, `£` -> `#`, `€` -> `$`).
    func currency(_ start: Int) -> Match? {
        let upperEnd = runEnd(from: start, Classes.isASCIIUpper)
        if at(upperEnd) == 0x24 { return Match(length: upperEnd + 1 - start, consumed: upperEnd + 1 - start, tokens: [string(start, upperEnd + 1)]) }
        switch at(start) {
        case 0x23: return Match(length: 1, consumed: 1, tokens: ["#"])
        case 0xA2: return Match(length: 1, consumed: 1, tokens: ["cents"])
        case 0xA3: return Match(length: 1, consumed: 1, tokens: ["#"])
        case 0x80, 0xA4, 0x20A0, 0x20AC: return Match(length: 1, consumed: 1, tokens: ["$"])
        case 0xA5, 0x60B, 0xE3F, 0x20A4, 0xFFE0, 0xFFE1, 0xFFE5, 0xFFE6:
            return Match(length: 1, consumed: 1, tokens: [string(start, start + 1)])
        default: return nil
        }
    }

    /// `#word` hashtags (letters only) and runs of `#`.
    func hashtag(_ start: Int) -> Match? {
        guard at(start) == 0x23 else { return nil }
        let hashes = runEnd(from: start) { $0 == 0x23 }
        if hashes == start + 1 {
            let end = runEnd(from: start + 1, Classes.isLetter)
            if end > start + 1 { return Match(length: end - start, consumed: end - start, tokens: [string(start, end)]) }
        }
        return Match(length: hashes - start, consumed: hashes - start, tokens: [string(start, hashes)])
    }

    private func isPhoneSeparator(_ c: UInt32) -> Bool { c == 0x2D || c == 0x20 || c == 0xA0 || c == 0x2E }

    /// American phone numbers `(555) 123-4567`, `555-123-4567`.
    func phone(_ start: Int) -> Match? {
        func digits(_ from: Int, _ count: Int) -> Bool { (0..<count).allSatisfy { Classes.isASCIIDigit(at(from + $0)) } }
        var index = start
        if at(index) == 0x28 {
            guard digits(index + 1, 3), at(index + 4) == 0x29 else { return nil }
            index += 5
            if at(index) == 0x20 || at(index) == 0xA0 { index += 1 }
        } else {
            guard digits(index, 3), isPhoneSeparator(at(index + 3)) else { return nil }
            index += 4
        }
        guard digits(index, 3), isPhoneSeparator(at(index + 3)), digits(index + 4, 4) else { return nil }
        let end = index + 8
        var token = string(start, end).replacingOccurrences(of: " ", with: "\u{00A0}")
        token = token.replacingOccurrences(of: "(", with: "-LRB-").replacingOccurrences(of: ")", with: "-RRB-")
        return Match(length: end - start, consumed: end - start, tokens: [token])
    }

    /// `"`: opening (``` `` ```) before a letter, digit or `$`, closing (`''`) otherwise.
    func doubleQuote(_ start: Int) -> Match? {
        var length = 0
        if at(start) == 0x22 { length = 1 } else if matchesLiteral("&quot;", at: start) { length = 6 }
        guard length > 0 else { return nil }
        let next = at(start + length)
        let left = Classes.isASCIILetter(next) || Classes.isASCIIDigit(next) || next == 0x24
        return Match(length: length + (left ? 1 : 0), consumed: length, tokens: [left ? "``" : "''"])
    }

    /// Emoticons such as `:)` `;-)` `:-(`; round brackets inside become `-RRB-` / `-LRB-`.
    ///
    /// The jar's rule has the trailing context `[^A-Za-z0-9]`, so an emoticon needs a following character
    /// that is not an ASCII letter or digit (`:dog` is `:` `dog`, `:D5` is `:` `D5`, and no emoticon matches
    /// at the very end of the text); the context counts towards the match length.
    func smiley(_ start: Int) -> Match? {
        var index = start
        if at(index) == 0x3C || at(index) == 0x3E { index += 1 }
        guard at(index) == 0x3A || at(index) == 0x3B || at(index) == 0x3D else { return nil }
        index += 1
        let nose = at(index)
        if (nose == 0x2D || nose == 0x6F || nose == 0x2A || nose == 0x27) && isSmileyMouth(at(index + 1)) { index += 1 }
        guard isSmileyMouth(at(index)) else { return nil }
        let following = at(index + 1)
        guard following != Classes.end, !Classes.isASCIILetter(following), !Classes.isASCIIDigit(following) else { return nil }
        let token = string(start, index + 1).replacingOccurrences(of: ")", with: "-RRB-").replacingOccurrences(of: "(", with: "-LRB-")
        return Match(length: index + 2 - start, consumed: index + 1 - start, tokens: [token])
    }

    private func isSmileyMouth(_ c: UInt32) -> Bool {
        switch c {
        case 0x28, 0x29, 0x44, 0x50, 0x64, 0x70, 0x4F, 0x5C, 0x7B, 0x40, 0x7C, 0x5B, 0x5D: return true
        default: return false
        }
    }

    /// Brackets, hyphens, dots, `?!` runs and other punctuation.
    func punctuation(_ start: Int) -> Match? {
        let c = at(start)
        func single(_ token: String) -> Match { Match(length: 1, consumed: 1, tokens: [token]) }
        switch c {
        case 0x28: return single("-LRB-")
        case 0x29: return single("-RRB-")
        case 0x5B: return single("-LSB-")
        case 0x5D: return single("-RSB-")
        case 0x7B: return single("-LCB-")
        case 0x7D: return single("-RCB-")
        case 0x2D:
            let end = runEnd(from: start) { $0 == 0x2D }
            return Match(length: end - start, consumed: end - start, tokens: [end - start == 1 ? "-" : "--"])
        case 0x2E:
            let dots = runEnd(from: start) { $0 == 0x2E }
            if dots - start >= 3 {
                let count = min(dots - start, 5)
                return Match(length: count, consumed: count, tokens: ["..."])
            }
            // ". . ." spaced dots
            var index = start
            var pairs = 0
            while pairs < 4 && at(index) == 0x2E && (at(index + 1) == 0x20 || at(index + 1) == 0xA0) && at(index + 2) == 0x2E {
                index += 2
                pairs += 1
            }
            if pairs >= 2 { return Match(length: index + 1 - start, consumed: index + 1 - start, tokens: ["..."]) }
            return single(".")
        case 0x2026, 0x85: return single("...")
        case 0x3F, 0x21:
            let end = runEnd(from: start) { $0 == 0x3F || $0 == 0x21 }
            return Match(length: end - start, consumed: end - start, tokens: [string(start, end)])
        case 0x40, 0x5F, 0x2A:
            let end = runEnd(from: start) { $0 == c }
            return Match(length: end - start, consumed: end - start, tokens: [string(start, end)])
        default: return nil
        }
    }

    /// Quote characters (runs of one or two); opening when a letter follows.
    ///
    /// A single `'` is an opening quote only before an ASCII letter and then any character that is not a space
    /// or line break (the jar's trailing context `[A-Za-z]` plus one non-space, which counts towards the match
    /// length): so `'near` is `` ` `` `near` (the quote outlasts the word `'n`), while `'n roll` keeps `'n`.
    func quote(_ start: Int) -> Match? {
        let c = at(start)
        if c == 0x27 && at(start + 1) != 0x27 {
            let afterLetter = at(start + 2)
            let left = Classes.isASCIILetter(at(start + 1)) && afterLetter != Classes.end && !Classes.isSpaceOrNewline(afterLetter)
            return Match(length: left ? 3 : 1, consumed: 1, tokens: [latexQuotes("'", probablyLeft: left)])
        }
        var length = 0
        if c == 0x27 {
            length = 2
        } else if Classes.isQuoteCharacter(c) {
            length = Classes.isQuoteCharacter(at(start + 1)) ? 2 : 1
        }
        guard length > 0 else { return nil }
        let left = Classes.isLetter(at(start + length))
        return Match(length: length + (left ? 1 : 0), consumed: length, tokens: [latexQuotes(string(start, start + length), probablyLeft: left)])
    }

    /// Any other character in the Basic Multilingual Plane is a token of its own; control
    /// characters and characters outside the BMP are dropped as untokenizable.
    func singleCharacter(_ start: Int) -> Match? {
        let c = at(start)
        guard c != PTBCharacterClasses.end, c >= 0x20, c != 0x7F, c <= 0xFFFF, !(0x80...0x9F).contains(c) else { return nil }
        return Match(length: 1, consumed: 1, tokens: [string(start, start + 1)])
    }
}
