/// A hand-written scanner that mimics the JFlex-generated Stanford `PTBLexer` of CoreNLP 3.4.1
/// with the options pycocoevalcap uses (`-preserveLines -lowerCase`, PTB3 escaping, no
/// americanisation, no `/` or `*` escaping).
///
/// Like JFlex it tries every rule at the current position, keeps the longest match (trailing
/// context counts towards the length), and breaks ties by rule order. Only the rules that matter
/// for ordinary English captions are implemented; `PTBTokenizer` documents what is left out.
struct PTBLexer {
    typealias Classes = PTBCharacterClasses

    /// One rule's match: `length` decides between rules, `consumed` is how far the scanner moves.
    /// `tokens` may instead be given as `span`, the text range of a single token (built only if
    /// the match wins, which keeps losing candidates free of string allocations).
    struct Match {
        var length: Int
        var consumed: Int
        var tokens: [String] = []
        var span: Range<Int>? = nil

        init(length: Int, consumed: Int, tokens: [String]) {
            self.length = length
            self.consumed = consumed
            self.tokens = tokens
        }

        init(length: Int, consumed: Int, span: Range<Int>) {
            self.length = length
            self.consumed = consumed
            self.span = span
        }
    }

    let text: [UInt32]

    init(_ string: String) {
        text = string.unicodeScalars.map(\.value)
    }

    /// Scalar at `index`, or `PTBCharacterClasses.end` past the end.
    @inline(__always) func at(_ index: Int) -> UInt32 {
        index >= 0 && index < text.count ? text[index] : Classes.end
    }

    /// The tokens of each line (lines split at `\n`), before lowercasing and punctuation removal.
    func tokenizeLines() -> [[String]] {
        var lines: [[String]] = [[]]
        var index = 0
        while index < text.count {
            let c = text[index]
            if c == 0x0A {
                lines.append([])
                index += 1
                continue
            }
            if Classes.isSpaceOrNewline(c) {
                index += 1
                continue
            }
            if let match = longestMatch(at: index) {
                if let span = match.span {
                    lines[lines.count - 1].append(stringWithoutSoftHyphens(span.lowerBound, span.upperBound))
                } else {
                    lines[lines.count - 1].append(contentsOf: match.tokens)
                }
                index += max(1, match.consumed)
            } else {
                index += 1  // untokenizable character: deleted, as with the lexer's "firstDelete"
            }
        }
        return lines
    }

    /// The longest match over all rules at `start`; ties go to the earlier rule.
    func longestMatch(at start: Int) -> Match? {
        var best: Match?
        func consider(_ candidate: Match?) {
            guard let candidate, candidate.length > 0 else { return }
            if best == nil || candidate.length > best!.length { best = candidate }
        }
        consider(assimilation(start))
        consider(sgmlTag(start))
        consider(dash(start))
        consider(ampersandEntity(start))
        consider(wordBeforeClitic(start))
        consider(wordBeforeNegation(start))
        consider(word(start))
        consider(hyphenatedThing(start))
        consider(uppercaseAmpersandThing(start))
        consider(apostropheWord(start))
        consider(url(start))
        consider(email(start))
        consider(clitic(start))
        consider(negation(start))
        consider(date(start))
        consider(number(start))
        consider(fraction(start))
        consider(unicodeFraction(start))
        consider(slashThing(start))
        consider(currency(start))
        consider(hashtag(start))
        consider(abbreviationBeforeSentenceStart(start))
        consider(abbreviation(start))
        consider(acronymBeforeSpace(start))
        consider(dottedWord(start))
        consider(wordPeriodBeforeInSentencePunctuation(start))
        consider(phone(start))
        consider(doubleQuote(start))
        consider(smiley(start))
        consider(punctuation(start))
        consider(quote(start))
        consider(singleCharacter(start))
        return best
    }

    // MARK: - Helpers

    /// The string of scalars `start..<end`.
    func string(_ start: Int, _ end: Int) -> String {
        var result = String.UnicodeScalarView()
        for index in start..<end { if let s = Unicode.Scalar(text[index]) { result.append(s) } }
        return String(result)
    }

    /// `string(start, end)` without soft hyphens (U+00AD).
    func stringWithoutSoftHyphens(_ start: Int, _ end: Int) -> String {
        var result = String.UnicodeScalarView()
        for index in start..<end where text[index] != 0xAD {
            if let s = Unicode.Scalar(text[index]) { result.append(s) }
        }
        return String(result)
    }

    /// Whether the ASCII literal (lowercase) occurs case-insensitively at `start`.
    func matchesLiteral(_ literal: String, at start: Int) -> Bool {
        var index = start
        for scalar in literal.unicodeScalars {
            if Classes.lowerASCII(at(index)) != scalar.value { return false }
            index += 1
        }
        return true
    }

    /// Whether the lowercase scalar literal occurs case-insensitively (ASCII) at `start`.
    func matchesLowercase(_ literal: [UInt32], at start: Int) -> Bool {
        guard start + literal.count <= text.count else { return false }
        for (offset, value) in literal.enumerated() where Classes.lowerASCII(text[start + offset]) != value { return false }
        return true
    }

    /// End of the run of scalars satisfying `predicate` starting at `start`.
    func runEnd(from start: Int, _ predicate: (UInt32) -> Bool) -> Int {
        var index = start
        while index < text.count && predicate(text[index]) { index += 1 }
        return index
    }

    /// Length of a clitic `'s 'm 'd 're 've 'll` at `start` (0 if none).
    func cliticLength(at start: Int) -> Int {
        guard Classes.isApostrophe(at(start)) else { return 0 }
        let next = Classes.lowerASCII(at(start + 1))
        if next == 0x6D || next == 0x73 || next == 0x64 { return 2 }  // m s d
        if matchesLiteral("re", at: start + 1) || matchesLiteral("ve", at: start + 1) || matchesLiteral("ll", at: start + 1) {
            return 3
        }
        return 0
    }

    /// Length of `n't` (any apostrophe-like middle) at `start` (0 if none).
    func negationLength(at start: Int) -> Int {
        Classes.lowerASCII(at(start)) == 0x6E && Classes.isApostropheLike(at(start + 1))
            && Classes.lowerASCII(at(start + 2)) == 0x74 ? 3 : 0
    }

    /// Normalises quote characters inside a token the way the lexer's LaTeX-quotes option does.
    func latexQuotes(_ token: String, probablyLeft: Bool) -> String {
        var result = ""
        for scalar in token.unicodeScalars {
            switch scalar.value {
            case 0x27: result += probablyLeft ? "`" : "'"
            case 0x22: result += probablyLeft ? "``" : "''"
            case 0x91, 0x2018, 0x201B, 0x2039: result += "`"
            case 0x92, 0x2019, 0x203A: result += "'"
            case 0x93, 0x201C, 0xAB: result += "``"
            case 0x94, 0x201D, 0xBB: result += "''"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
