/// Lexer rules for words, clitics, hyphenated words, abbreviations and acronyms.
extension PTBLexer {
    /// `cannot` -> `can` + `not`; `gonna gotta wanna gimme lemme` -> first three letters + rest.
    func assimilation(_ start: Int) -> Match? {
        if matchesLiteral("cannot", at: start) { return Match(length: 6, consumed: 3, tokens: [string(start, start + 3)]) }
        for literal in Self.assimilationLiterals where matchesLowercase(literal, at: start) {
            return Match(length: 5, consumed: 3, tokens: [string(start, start + 3)])
        }
        return nil
    }

    /// Words split after their third letter, lowercased scalar values.
    static let assimilationLiterals = ["gonna", "gotta", "wanna", "gimme", "lemme"].map { $0.unicodeScalars.map(\.value) }

    /// A word directly followed by a clitic (`dog's` -> `dog`, the clitic is lexed next).
    func wordBeforeClitic(_ start: Int) -> Match? {
        let end = runEnd(from: start, Classes.isWordCharacter)
        guard end > start else { return nil }
        let clitic = cliticLength(at: end)
        guard clitic > 0 else { return nil }
        return Match(length: end - start + clitic, consumed: end - start, span: start..<end)
    }

    /// `[A-Za-z]*[A-MO-Za-mo-z]` followed by `n't` (`isn't` -> `is`, `can't` -> `ca`).
    func wordBeforeNegation(_ start: Int) -> Match? {
        let end = runEnd(from: start) { Classes.isASCIILetter($0) || $0 == 0xAD }
        var split = end
        while split > start {
            let last = text[split - 1]
            if Classes.isASCIILetter(last) && Classes.lowerASCII(last) != 0x6E && negationLength(at: split) == 3 {
                return Match(length: split - start + 3, consumed: split - start, span: start..<split)
            }
            split -= 1
        }
        return nil
    }

    /// A run of letters.
    func word(_ start: Int) -> Match? {
        let end = runEnd(from: start, Classes.isWordCharacter)
        guard end > start else { return nil }
        return Match(length: end - start, consumed: end - start, span: start..<end)
    }

    /// Letters and digits joined by hyphens or underscores (`4-year-old`, `o'clock`, `1990s`).
    func hyphenatedThing(_ start: Int) -> Match? {
        func segmentEnd(_ from: Int) -> Int? {
            var index = from
            let first = Classes.lowerASCII(at(index))
            if (first == 0x64 || first == 0x6F || first == 0x6C) && Classes.isApostropheLike(at(index + 1))
                && Classes.isLetterOrDigit(at(index + 2)) {
                index += 2  // d' o' l' prefixes: d'Arcy, o'clock, l'amour
            }
            let end = runEnd(from: index, Classes.isLetterOrDigit)
            return end > index ? end : nil
        }
        guard var end = segmentEnd(start) else { return nil }
        while Classes.isWordHyphen(at(end)), let next = segmentEnd(end + 1) { end = next }
        return Match(length: end - start, consumed: end - start, span: start..<end)
    }

    /// `[A-Z]+([+&][A-Z]+)+` such as `AT&T`.
    func uppercaseAmpersandThing(_ start: Int) -> Match? {
        var end = runEnd(from: start, Classes.isASCIIUpper)
        guard end > start else { return nil }
        var joined = false
        while at(end) == 0x26 || at(end) == 0x2B {
            let next = runEnd(from: end + 1, Classes.isASCIIUpper)
            guard next > end + 1 else { break }
            end = next
            joined = true
        }
        return joined ? Match(length: end - start, consumed: end - start, tokens: [string(start, end)]) : nil
    }

    /// Words with an inner apostrophe kept whole (`'n'`, `'em`, `'90s`, `c'mon`, `J'adore`, `Shi'ite`, `y'`).
    ///
    /// Two have trailing context that counts towards the match length: `'t` before `is` / `was` (`'tis` is
    /// `'t` `is`) and `'` plus two digits before a space or line break (`'90 ` is one token, `'90.` is not).
    func apostropheWord(_ start: Int) -> Match? {
        var best = 0
        let c = at(start)
        if Classes.isApostrophe(c) {
            if Classes.lowerASCII(at(start + 1)) == 0x74 {  // 'tis, 'twas -> 't + is / was
                if matchesLiteral("is", at: start + 2) { return Match(length: 4, consumed: 2, tokens: [string(start, start + 2)]) }
                if matchesLiteral("was", at: start + 2) { return Match(length: 5, consumed: 2, tokens: [string(start, start + 2)]) }
            }
            if Classes.isASCIIDigit(at(start + 1)) && Classes.isASCIIDigit(at(start + 2)) && Classes.isSpaceOrNewline(at(start + 3)) {
                return Match(length: 4, consumed: 3, tokens: [string(start, start + 3)])  // '90 before a space
            }
            if Classes.lowerASCII(at(start + 1)) == 0x6E {  // 'n or 'n'
                best = max(best, Classes.isApostrophe(at(start + 2)) ? 3 : 2)
            }
            if matchesLiteral("em", at: start + 1) { best = max(best, 3) }
            if matchesLiteral("cause", at: start + 1) { best = max(best, 6) }
            if matchesLiteral("till", at: start + 1) { best = max(best, 5) } else if matchesLiteral("til", at: start + 1) { best = max(best, 4) }
            if (0x32...0x39).contains(at(start + 1)) && at(start + 2) == 0x30 && Classes.lowerASCII(at(start + 3)) == 0x73 {
                best = max(best, 4)  // '90s
            }
        }
        // [lLdDjJ]' ; y' before a letter
        let lower = Classes.lowerASCII(c)
        if (lower == 0x6C || lower == 0x64 || lower == 0x6A) && Classes.isApostrophe(at(start + 1)) { best = max(best, 2) }
        if lower == 0x79 && Classes.isApostrophe(at(start + 1)) && Classes.isLetter(at(start + 2)) { best = max(best, 2) }
        for literal in Self.apostropheLiterals where matchesLowercase(literal, at: start) {
            best = max(best, literal.count)
        }
        // [A-HJ-XZn]'[:letter:]{2,}
        if ((0x41...0x48).contains(c) || (0x4A...0x58).contains(c) || c == 0x5A || c == 0x6E) && Classes.isApostropheLike(at(start + 1)) {
            let end = runEnd(from: start + 2, Classes.isLetter)
            if end - (start + 2) >= 2 { best = max(best, end - start) }
        }
        // [:letter:]+[aeiouyAEIOUY]'[aeiouA-Z][:letter:]*
        let letters = runEnd(from: start, Classes.isLetter)
        if letters - start >= 2 && Classes.isApostropheLike(at(letters)) {
            var vowelEnd = letters
            while vowelEnd - start >= 2 {
                let vowel = Classes.lowerASCII(text[vowelEnd - 1])
                if (Self.isVowel(vowel) || vowel == 0x79) && Classes.isApostropheLike(at(vowelEnd)) {
                    let next = at(vowelEnd + 1)
                    if Self.isVowel(next) || Classes.isASCIIUpper(next) {
                        best = max(best, runEnd(from: vowelEnd + 2, Classes.isLetter) - start)
                    }
                }
                vowelEnd -= 1
            }
        }
        guard best > 0 else { return nil }
        return Match(length: best, consumed: best, tokens: [string(start, start + best)])
    }

    /// `[aeiou]`.
    static func isVowel(_ c: UInt32) -> Bool { c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 }

    /// A clitic `'s 'm 'd 're 've 'll` followed by a non-letter.
    func clitic(_ start: Int) -> Match? {
        let length = cliticLength(at: start)
        guard length > 0, !Classes.isASCIILetter(at(start + length)) else { return nil }
        return Match(length: length + 1, consumed: length, tokens: [latexQuotes(string(start, start + length), probablyLeft: false)])
    }

    /// `n't`.
    func negation(_ start: Int) -> Match? {
        guard negationLength(at: start) == 3 else { return nil }
        return Match(length: 3, consumed: 3, tokens: [latexQuotes(string(start, start + 3), probablyLeft: false)])
    }

    /// `[A-Za-z](\.[A-Za-z])+`: length of an acronym without its final period (0 if none).
    func acronymLength(at start: Int) -> Int {
        guard Classes.isASCIILetter(at(start)) else { return 0 }
        var end = start + 1
        while at(end) == 0x2E && Classes.isASCIILetter(at(end + 1)) { end += 2 }
        return end - start > 1 ? end - start : 0
    }

    /// Words kept whole despite their apostrophe, lowercased scalar values.
    static let apostropheLiterals = ["dunkin'", "somethin'", "ol'", "c'mon", "e'er", "s'mores", "ev'ry", "li'l", "nat'l", "nor'easter", "cont'd"]
        .map { $0.unicodeScalars.map(\.value) }

    /// Words that start a sentence after an acronym or a single-letter abbreviation.
    static let sentenceStarters = [
        "About", "According", "Additionally", "After", "An", "A", "As", "At", "But", "Earlier", "He", "Her", "Here",
        "However", "If", "In", "It", "Last", "Many", "More", "Mr.", "Ms.", "Now", "Once", "One", "Other", "Our",
        "She", "Since", "So", "Some", "Such", "That", "The", "Then", "There", "These", "They", "This", "We", "When",
        "While", "What", "Yet", "You",
    ]

    /// `U.S.` or a single letter with a period, followed by spaces and a capitalised sentence starter:
    /// the period also ends the sentence (`U.S. Then` -> `U.S. . Then`, `C. The` -> `C . The`).
    func abbreviationBeforeSentenceStart(_ start: Int) -> Match? {
        var abbreviationEnd = start + acronymLength(at: start)
        let singleLetter = abbreviationEnd == start
        if singleLetter {
            guard Classes.isASCIILetter(at(start)) else { return nil }
            abbreviationEnd = start + 1
        }
        guard at(abbreviationEnd) == 0x2E else { return nil }
        let spacesEnd = runEnd(from: abbreviationEnd + 1, Classes.isSpaceOrNewline)
        guard spacesEnd > abbreviationEnd + 1 else { return nil }
        for starter in Self.sentenceStarters {
            let scalars = Array(starter.unicodeScalars)
            guard at(spacesEnd) == scalars[0].value else { continue }  // first letter case-sensitive
            guard matchesLiteral(starter.lowercased(), at: spacesEnd) else { continue }
            guard Classes.isSpace(at(spacesEnd + scalars.count)) else { continue }
            let length = spacesEnd + scalars.count + 1 - start
            let tokens = singleLetter ? [string(start, start + 1), "."] : [string(start, abbreviationEnd + 1), "."]
            return Match(length: length, consumed: abbreviationEnd + 1 - start, tokens: tokens)
        }
        return nil
    }

    /// Abbreviations kept with their period: single letters, titles, acronyms, months, `etc.` ...
    /// Those of the "normally lower case follows" kind repeat the period before a sentence end.
    func abbreviation(_ start: Int) -> Match? {
        // Every abbreviation is letters (and inner periods) followed by a period.
        let letters = runEnd(from: start, Classes.isASCIILetter)
        guard letters > start, at(letters) == 0x2E else { return nil }
        var best: Match?
        func offer(_ end: Int, sentenceFinalKind: Bool) {
            guard at(end) == 0x2E else { return }
            let length = end + 1 - start
            guard best == nil || length > best!.length else { return }
            var tokens = [string(start, end + 1)]
            var matchLength = length
            if sentenceFinalKind {
                let next = at(end + 1), afterNext = at(end + 2)
                if Classes.isSpaceOrNewline(next)
                    && (Classes.isSpaceOrNewline(afterNext) || Classes.isASCIIUpper(afterNext) || afterNext == 0x3C) {
                    tokens.append(".")
                    matchLength += 2
                }
            }
            best = Match(length: matchLength, consumed: length, tokens: tokens)
        }
        let acronym = acronymLength(at: start)
        if acronym > 0 { offer(start + acronym, sentenceFinalKind: false) }
        if Classes.isASCIILetter(at(start)) { offer(start + 1, sentenceFinalKind: false) }
        for literal in Self.titleLiterals where matchesLowercase(literal, at: start) {
            offer(start + literal.count, sentenceFinalKind: false)
        }
        for literal in Self.sentenceFinalLiterals where matchesLowercase(literal, at: start) {
            offer(start + literal.count, sentenceFinalKind: true)
        }
        return best
    }

    /// Titles and other abbreviations normally followed by a capitalised word.
    static let titleAbbreviations = [
        "Mr", "Mrs", "Ms", "Miss", "Dr", "Drs", "Prof", "Profs", "Sen", "Sens", "Rep", "Reps", "Atty", "Attys", "Lt",
        "Col", "Gen", "Messrs", "Gov", "Govs", "Adm", "Rev", "Maj", "Sgt", "Cpl", "Pvt", "Mt", "Capt", "St", "Ste",
        "Ave", "Pres", "Lieut", "Hon", "Brig", "Cmdr", "Comdr", "Pfc", "Spc", "Supt", "Supts", "Det", "vs", "Alex",
        "Wm", "Jos", "Cie", "a.k.a", "cf", "TREAS", "Invt", "Elec", "Natl", "Mfg", "Mtg",
    ]

    /// ``titleAbbreviations`` lowercased, as scalar values.
    static let titleLiterals = titleAbbreviations.map { $0.lowercased().unicodeScalars.map(\.value) }

    /// ``sentenceFinalAbbreviations`` lowercased, as scalar values.
    static let sentenceFinalLiterals = sentenceFinalAbbreviations.map { $0.lowercased().unicodeScalars.map(\.value) }

    /// Abbreviations normally followed by a lower-case word (months, days, companies, `etc.`).
    static let sentenceFinalAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri",
        "Inc", "Co", "Cos", "Corp", "Pty", "Ptys", "Ltd", "Plc", "Bancorp", "Dept", "Bhd", "Assn", "Univ", "Intl", "Sys",
        "No", "Nos", "Prop", "Ph", "tel", "est", "ext", "sq", "ft",
        "Jr", "Sr", "Bros", "Ed.D", "Ph.D", "Blvd", "Rd", "Esq", "etc", "al", "seq",
    ]

    /// An acronym without final period followed by a space or line break (`p.m tomorrow`).
    func acronymBeforeSpace(_ start: Int) -> Match? {
        let length = acronymLength(at: start)
        guard length > 0, Classes.isSpaceOrNewline(at(start + length)) else { return nil }
        return Match(length: length + 1, consumed: length, tokens: [string(start, start + length)])
    }

    /// Words joined by single `.`, `?` or `!` (`dog.a`, `go.now`, `big?on`, `x1?y`): one token, as the jar's
    /// `WORD = LETTER (LETTER | DIGIT)* ([.!?] LETTER (LETTER | DIGIT)*)*`.
    func dottedWord(_ start: Int) -> Match? {
        func segmentEnd(_ from: Int) -> Int? {
            guard Classes.isWordCharacter(at(from)) else { return nil }
            return runEnd(from: from + 1, Classes.isLetterOrDigit)
        }
        guard var end = segmentEnd(start) else { return nil }
        var joined = false
        while at(end) == 0x2E || at(end) == 0x3F || at(end) == 0x21, let next = segmentEnd(end + 1) {
            end = next
            joined = true
        }
        return joined ? Match(length: end - start, consumed: end - start, tokens: [string(start, end)]) : nil
    }

    /// A word and its period before `, ; :` (`dog.,` -> `dog.` `,`).
    func wordPeriodBeforeInSentencePunctuation(_ start: Int) -> Match? {
        let end = runEnd(from: start, Classes.isWordCharacter)
        guard end > start, at(end) == 0x2E else { return nil }
        let next = at(end + 1)
        guard next == 0x2C || next == 0x3B || next == 0x3A else { return nil }
        return Match(length: end + 2 - start, consumed: end + 1 - start, tokens: [stringWithoutSoftHyphens(start, end + 1)])
    }
}
