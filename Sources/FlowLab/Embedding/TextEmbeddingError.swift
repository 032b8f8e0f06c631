/// A bad input to `flowlab embed`, with the file (and line or element) at fault.
public struct TextEmbeddingError: Error, Equatable, CustomStringConvertible {
    /// What was wrong, starting with the file.
    public let message: String

    /// An error with its message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
