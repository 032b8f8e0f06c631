/// A problem with the caption evaluation inputs; the message names the file and what is wrong.
public struct CaptionEvaluationError: Error, CustomStringConvertible, Sendable {
    /// One line saying what was wrong and where.
    public let message: String

    /// Creates an error with its one-line message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
