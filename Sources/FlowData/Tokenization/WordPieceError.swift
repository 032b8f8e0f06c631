/// Why a WordPiece vocabulary cannot be used: the file, the line (when one is at fault) and what was wrong.
public struct WordPieceError: Error, Equatable, CustomStringConvertible {
    /// The vocabulary file's path.
    public let file: String
    /// The 1-based line at fault, or nil for the file as a whole.
    public let line: Int?
    /// What was wrong.
    public let message: String

    /// An error about `file` (and `line`, when given).
    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
