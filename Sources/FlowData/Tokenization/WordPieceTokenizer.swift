import Foundation

/// BERT's WordPiece tokenizer (uncased): the basic tokenizer's words, each split greedily into the longest
/// vocabulary pieces from the left, continuations prefixed with `##`; a word longer than
/// `maximumCharactersPerWord` or with no split becomes `[UNK]`. Ids equal `transformers.BertTokenizer`'s
/// and the `tokenizers` package's for the same `vocab.txt`.
///
/// ```swift
/// let tokenizer = try WordPieceTokenizer(vocabularyFile: folder.appendingPathComponent("vocab.txt"))
/// tokenizer.tokenize("Unaffable!")            // ["una", "##ff", "##able", "!"]
/// tokenizer.encode("a red circle")             // [101, 1037, 2417, 4418, 102]: [CLS] ... [SEP]
/// tokenizer.encode("a red circle", length: 8)  // padded with [PAD] (0) to 8 ids
/// ```
public struct WordPieceTokenizer: Sendable {
    /// The vocabulary.
    public let vocabulary: WordPieceVocabulary
    /// The basic tokenizer run before WordPiece.
    public let basicTokenizer: BertBasicTokenizer
    /// Words with more Unicode scalars than this become `[UNK]` (100 in BERT).
    public let maximumCharactersPerWord: Int

    /// The ids of `[PAD]`, `[UNK]`, `[CLS]` and `[SEP]`.
    public let paddingID: Int, unknownID: Int, classID: Int, separatorID: Int
    /// The special tokens a text may contain literally (`[PAD]`, `[UNK]`, `[CLS]`, `[SEP]`, `[MASK]`), with their ids.
    public let specialTokens: [(String, Int)]

    /// A tokenizer over `vocabulary`.
    public init(vocabulary: WordPieceVocabulary, lowercases: Bool = true, maximumCharactersPerWord: Int = 100) {
        self.vocabulary = vocabulary
        basicTokenizer = BertBasicTokenizer(lowercases: lowercases)
        self.maximumCharactersPerWord = maximumCharactersPerWord
        paddingID = vocabulary.ids["[PAD]"]!
        unknownID = vocabulary.ids["[UNK]"]!
        classID = vocabulary.ids["[CLS]"]!
        separatorID = vocabulary.ids["[SEP]"]!
        specialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].compactMap { token in vocabulary.ids[token].map { (token, $0) } }
    }

    /// A tokenizer reading `vocab.txt` (errors name the file and line).
    public init(vocabularyFile: URL, lowercases: Bool = true) throws {
        self.init(vocabulary: try WordPieceVocabulary(contentsOf: vocabularyFile), lowercases: lowercases)
    }

    /// The WordPiece tokens of `text` (no special tokens).
    public func tokenize(_ text: String) -> [String] {
        pieceIDs(text).map { vocabulary.tokens[$0] }
    }

    /// The ids of the WordPiece tokens of `text` (no `[CLS]`/`[SEP]` added).
    ///
    /// A special token written literally in the text (`[MASK]`, `[SEP]`, ...; case-sensitive) stays one token, as
    /// in the reference tokenizers, which split the raw text at their added tokens first.
    public func pieceIDs(_ text: String) -> [Int] {
        var ids: [Int] = []
        var rest = Substring(text)
        while let (range, id) = firstSpecialToken(in: rest) {
            for word in basicTokenizer.words(in: String(rest[..<range.lowerBound])) { appendPieces(of: word, to: &ids) }
            ids.append(id)
            rest = rest[range.upperBound...]
        }
        for word in basicTokenizer.words(in: String(rest)) { appendPieces(of: word, to: &ids) }
        return ids
    }

    /// The earliest literal special token in `text` (the longest at that place) and its id.
    private func firstSpecialToken(in text: Substring) -> (Range<Substring.Index>, Int)? {
        guard text.contains("[") else { return nil }
        var best: (Range<Substring.Index>, Int)?
        for (token, id) in specialTokens {
            guard let range = text.range(of: token) else { continue }
            if let current = best, current.0.lowerBound < range.lowerBound
                || (current.0.lowerBound == range.lowerBound && current.0.upperBound >= range.upperBound) { continue }
            best = (range, id)
        }
        return best
    }

    /// `[CLS] pieces [SEP]`, the pieces truncated so that at most `maximumLength` ids result (sentence-transformers'
    /// `max_seq_length`, 256 for all-MiniLM-L6-v2).
    public func encode(_ text: String, maximumLength: Int = 512) -> [Int] {
        precondition(maximumLength >= 2, "maximumLength must leave room for [CLS] and [SEP]")
        return [classID] + pieceIDs(text).prefix(maximumLength - 2) + [separatorID]
    }

    /// Exactly `length` ids: `encode(text, maximumLength: length)` padded with `[PAD]`.
    public func encode(_ text: String, length: Int) -> [Int] {
        let ids = encode(text, maximumLength: length)
        return ids + Array(repeating: paddingID, count: length - ids.count)
    }

    /// The text of `ids`: special tokens dropped, `##` continuations joined to the previous piece.
    public func decode(_ ids: [Int]) -> String {
        let special: Set<Int> = [paddingID, classID, separatorID]
        var text = ""
        for id in ids where !special.contains(id) {
            let token = (0..<vocabulary.count).contains(id) ? vocabulary.tokens[id] : "[UNK]"
            if token.hasPrefix("##") {
                text += token.dropFirst(2)
            } else {
                if !text.isEmpty { text += " " }
                text += token
            }
        }
        return text
    }

    /// Greedy longest-match-first split of one word; the whole word is `[UNK]` when some part has no piece.
    private func appendPieces(of word: String, to ids: inout [Int]) {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count <= maximumCharactersPerWord else {
            ids.append(unknownID)
            return
        }
        if let whole = vocabulary.ids[word] {
            ids.append(whole)
            return
        }
        var pieces: [Int] = []
        var start = 0
        while start < scalars.count {
            var end = scalars.count
            var found: Int?
            while start < end {
                var candidate = String.UnicodeScalarView(scalars[start..<end])
                if start > 0 { candidate.insert(contentsOf: "##".unicodeScalars, at: candidate.startIndex) }
                if let id = vocabulary.ids[String(candidate)] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let found else {
                ids.append(unknownID)
                return
            }
            pieces.append(found)
            start = end
        }
        ids += pieces
    }
}
