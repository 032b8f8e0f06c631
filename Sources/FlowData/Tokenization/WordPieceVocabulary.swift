import Foundation

/// A BERT `vocab.txt`: one token a line, the token's id being its 0-based line number.
///
/// ```swift
/// let vocabulary = try WordPieceVocabulary(contentsOf: folder.appendingPathComponent("vocab.txt"))
/// vocabulary.id(of: "[CLS]")   // 101 in bert-base-uncased and all-MiniLM-L6-v2
/// ```
public struct WordPieceVocabulary: Sendable {
    /// The tokens, indexed by id.
    public let tokens: [String]
    /// The id of each token.
    public let ids: [String: Int]

    /// The special tokens every BERT vocabulary must hold.
    public static let requiredTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]

    /// A vocabulary from its tokens in id order (`file` names the source in errors).
    public init(tokens: [String], file: String = "vocabulary") throws {
        var ids: [String: Int] = [:]
        for (index, token) in tokens.enumerated() {
            if token.isEmpty { throw WordPieceError(file: file, line: index + 1, "empty token") }
            if let first = ids[token] {
                throw WordPieceError(file: file, line: index + 1, "token '\(token)' repeats line \(first + 1)")
            }
            ids[token] = index
        }
        for token in Self.requiredTokens where ids[token] == nil {
            throw WordPieceError(file: file, "has no special token \(token)")
        }
        self.tokens = tokens
        self.ids = ids
    }

    /// Reads a UTF-8 `vocab.txt` (a final newline is optional; `\r\n` endings are accepted).
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw WordPieceError(file: url.path, "cannot read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw WordPieceError(file: url.path, "is not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        try self.init(tokens: lines, file: url.path)
    }

    /// The number of tokens.
    public var count: Int { tokens.count }

    /// The id of `token`, or nil when it is not in the vocabulary.
    public func id(of token: String) -> Int? { ids[token] }
}
