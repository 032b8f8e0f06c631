/// A word-level tokenizer with a closed vocabulary: one id per word or punctuation mark.
///
/// Special ids are fixed: `<pad>` = 0, `<unk>` = 1, `<mask>` = 2; words follow from id 3. Text is
/// split by `CaptionWords` (lower case, punctuation as separate words), so encoding ignores case and
/// spacing, and decoding writes normalised text. Words outside the vocabulary encode as `<unk>`.
///
/// ```swift
/// let shapes = WordTokenizer.shapes                      // the closed vocabulary of the shapes grammar
/// let ids = shapes.encode("Top left: a small red circle", length: 16)
/// shapes.decode(ids)                                     // "top left: a small red circle"
///
/// let corpus = try WordTokenizer(corpus: captions, minimumCount: 2, maximumSize: 10_000)
/// ```
public struct WordTokenizer: TextTokenizer, Hashable {
    /// The special tokens, in id order.
    public static let specialTokens = ["<pad>", "<unk>", "<mask>"]

    /// Every token in id order: the special tokens, then the words.
    public let tokens: [String]
    private let ids: [String: Int]

    public var vocabularySize: Int { tokens.count }
    public var paddingID: Int { 0 }
    public var unknownID: Int { 1 }
    public var maskID: Int { 2 }

    /// A tokenizer over `words` (ids 3, 4, ... in the given order); throws a `DataError` for a repeated,
    /// empty, special or space-containing word, naming it and its line (position, from 1).
    public init(words: [String]) throws {
        var ids: [String: Int] = [:]
        for (offset, token) in Self.specialTokens.enumerated() { ids[token] = offset }
        for (line, word) in words.enumerated() {
            guard !word.isEmpty, !word.contains(where: \.isWhitespace) else {
                throw DataError("vocabulary word '\(word)' is empty or contains white space", location: "vocabulary",
                                key: "line \(line + 1)")
            }
            guard ids[word] == nil else {
                throw DataError("vocabulary word '\(word)' appears twice (or is a special token)", location: "vocabulary",
                                key: "line \(line + 1)")
            }
            ids[word] = ids.count
        }
        self.ids = ids
        tokens = Self.specialTokens + words
    }

    /// The closed vocabulary of `shapes` captions (`ShapeCaptionGrammar.vocabulary`, sorted).
    public static let shapes: WordTokenizer = try! WordTokenizer(words: ShapeCaptionGrammar.vocabulary)

    /// A vocabulary built from `corpus`: words seen at least `minimumCount` times, most frequent first
    /// (ties alphabetical), at most `maximumSize` tokens including the 3 special ones.
    public init<Texts: Sequence<String>>(corpus: Texts, minimumCount: Int = 1, maximumSize: Int = 30_000) throws {
        guard minimumCount >= 1 else { throw DataError("minimum count \(minimumCount) must be at least 1", key: "min_count") }
        guard maximumSize > Self.specialTokens.count else {
            throw DataError("maximum vocabulary size \(maximumSize) must exceed the \(Self.specialTokens.count) special tokens",
                            key: "max_size")
        }
        var counts: [String: Int] = [:]
        for text in corpus {
            for word in CaptionWords.split(text) { counts[word, default: 0] += 1 }
        }
        let kept = counts.filter { $0.value >= minimumCount && !Self.specialTokens.contains($0.key) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(maximumSize - Self.specialTokens.count)
            .map(\.key)
        try self.init(words: kept)
    }

    /// The id of `word`, or `unknownID`.
    public func id(of word: String) -> Int { ids[word] ?? unknownID }

    public func encode(_ text: String) -> [Int] {
        CaptionWords.split(text).map(id(of:))
    }

    /// The text of `ids`: padding skipped, `<unk>` and `<mask>` written as such, out-of-range ids as `<unk>`.
    public func decode(_ ids: [Int]) -> String {
        CaptionWords.join(ids.filter { $0 != paddingID }.map { tokens.indices.contains($0) ? tokens[$0] : tokens[unknownID] })
    }

    /// The vocabulary file: one token per line, in id order (line n holds id n - 1).
    public var vocabularyText: String { tokens.joined(separator: "\n") + "\n" }

    /// Reads a vocabulary file written by `vocabularyText`; the first three lines must be the special tokens.
    public init(vocabularyText: String, source: String = "vocabulary") throws {
        let lines = vocabularyText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tokens = lines.last == "" ? Array(lines.dropLast()) : lines
        guard Array(tokens.prefix(Self.specialTokens.count)) == Self.specialTokens else {
            throw DataError("the first lines must be \(Self.specialTokens.joined(separator: ", "))", location: source, key: "line 1")
        }
        do {
            try self.init(words: Array(tokens.dropFirst(Self.specialTokens.count)))
        } catch let error as DataError {
            // Shift the line number past the special tokens.
            let line = Int(error.key.dropFirst("line ".count)).map { "line \($0 + Self.specialTokens.count)" } ?? error.key
            throw DataError(error.message, location: source, key: line)
        }
    }

    public static func == (lhs: WordTokenizer, rhs: WordTokenizer) -> Bool { lhs.tokens == rhs.tokens }
    public func hash(into hasher: inout Hasher) { hasher.combine(tokens) }
}
