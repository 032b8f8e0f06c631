import Foundation

/// Caption tokenizer that reproduces pycocoevalcap's `PTBTokenizer` in pure Swift.
///
/// pycocoevalcap joins every caption (newlines replaced by spaces) into one text, one caption a
/// line, runs Stanford CoreNLP 3.4.1's `PTBTokenizer -preserveLines -lowerCase` on it, and drops
/// the tokens `'' ' `` ` -LRB- -RRB- -LCB- -RCB- . ? ! , : - -- ... ;`. Because the jar lowercases
/// *after* escaping, brackets come out as `-lrb-`, `-lsb-` ... and survive the filter.
/// ``tokenize(_:)`` does the same: it lexes the joined text (so look-ahead across caption
/// boundaries matches the jar), lowercases each token and removes the same punctuation list.
///
/// Reproduced: clitic splitting (`isn't` -> `is n't`, `can't` -> `ca n't`, `dog's` -> `dog 's`,
/// `cannot` -> `can not`, `gonna` -> `gon na`), hyphenated words and numbers kept whole
/// (`4-year-old`, `1,000`, `3.5`, `12:30`), `$` `%` `#` split from numbers, fractions
/// (`3 1/2` -> `3\u{00A0}1/2`), abbreviations and acronyms keeping their period (`mr.`, `u.s.`,
/// `p.m.`, single letters `b.`), quotes mapped to LaTeX quotes, dashes and ellipses normalised,
/// `?!` runs kept (`!!!` survives the filter), words joined by `.`, `?` or `!` kept whole (`big?on`),
/// emoticons (`:)` -> `:-rrb-`) only before a character that is not an ASCII letter or digit (`:dog` ->
/// `: dog`), `'n` only when no letter and non-space follow (`'near` -> `` ` near``), URLs and e-mails.
///
/// Known differences (rare in captions; measured by `CaptionTokenizerTests` on the fixture):
/// - A caption containing `\r`, U+2028/2029, U+000B/000C or U+0085 is one line here; the jar
///   splits it into several lines and pycocoevalcap's captions after it shift by one line.
/// - CoreNLP 3.4.1 special cases not modelled: some abbreviations followed by digits or capitals
///   (`Fig. 3` gives `fig 3` here, `fig. 3` from the jar: the one mismatch in 999 fixture
///   captions), rare apostrophe words, SGML spanning lines, and Unicode characters that the jar
///   deletes as untokenizable inside the Basic Multilingual Plane (only controls and characters
///   outside the BMP, such as emoji, are deleted here).
/// - Lowercasing uses Swift's `lowercased()`, which differs from Java's for a few characters
///   (e.g. dotted capital I).
public struct PTBTokenizer: Sendable {
    /// Tokens that pycocoevalcap removes after tokenisation.
    public static let removedPunctuation: Set<String> = [
        "''", "'", "``", "`", "-LRB-", "-RRB-", "-LCB-", "-RCB-", ".", "?", "!", ",", ":", "-", "--", "...", ";",
    ]

    /// Creates a tokenizer.
    public init() {}

    /// Tokenizes captions as one pycocoevalcap batch; returns one space-joined string per caption.
    ///
    /// - Parameter captions: raw captions in the order pycocoevalcap would write them.
    /// - Returns: lowercased tokens without punctuation, joined by single spaces (`""` if none).
    public func tokenize(_ captions: [String]) -> [String] {
        guard !captions.isEmpty else { return [] }
        let joined = captions.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        let lines = PTBLexer(joined).tokenizeLines()
        return (0..<captions.count).map { index in
            guard index < lines.count else { return "" }
            return lines[index]
                .map { $0.lowercased() }
                .filter { !Self.removedPunctuation.contains($0) }
                .joined(separator: " ")
        }
    }

    /// Tokenizes a single caption (a batch of one).
    public func tokenize(_ caption: String) -> String {
        tokenize([caption])[0]
    }
}
