/// Turns text into token ids and back: the one interface caption models and evaluators use.
///
/// Conforming types: `WordTokenizer` (a closed word vocabulary, e.g. the `shapes` grammar's, or one
/// built from a corpus) and WordPiece (BERT uncased). Ids index the vocabulary; the special ids
/// (`paddingID`, `unknownID`, `maskID`) are fixed by each tokenizer and documented there.
///
/// ```swift
/// let tokenizer = WordTokenizer.shapes
/// let ids = tokenizer.encode("a small red circle in the center", length: 12)   // padded with paddingID
/// tokenizer.decode(ids)                                                        // "a small red circle in the center"
/// ```
public protocol TextTokenizer: Sendable {
    /// The number of ids, so every id is in `0..<vocabularySize`.
    var vocabularySize: Int { get }
    /// The id that fills a sequence after its text (skipped by `decode`).
    var paddingID: Int { get }
    /// The id of a word (or piece) the vocabulary does not hold.
    var unknownID: Int { get }
    /// The id of a masked position (the absorbing state of discrete flows).
    var maskID: Int { get }

    /// The ids of `text`, as many as the text needs.
    func encode(_ text: String) -> [Int]

    /// The ids of `text` padded with `paddingID` or truncated to exactly `length` ids.
    func encode(_ text: String, length: Int) -> [Int]

    /// The text of `ids`; padding is skipped, ids outside the vocabulary read as the unknown token.
    func decode(_ ids: [Int]) -> String
}

extension TextTokenizer {
    /// Pads with `paddingID` or truncates `encode(text)` to exactly `length` ids.
    public func encode(_ text: String, length: Int) -> [Int] {
        precondition(length >= 0, "a sequence length cannot be negative")
        let ids = encode(text)
        return ids.count >= length ? Array(ids.prefix(length)) : ids + Array(repeating: paddingID, count: length - ids.count)
    }

    /// Encodes each text to exactly `length` ids, row-major `[texts.count, length]` (e.g. for an int32 `/tokens` dataset).
    public func encodeBatch(_ texts: [String], length: Int) -> [Int] {
        texts.flatMap { encode($0, length: length) }
    }
}
