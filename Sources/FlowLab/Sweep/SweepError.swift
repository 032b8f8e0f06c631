/// A sweep could not be planned, written, read or launched; the message says what and where.
public struct SweepError: Error, CustomStringConvertible, Equatable {
    /// What went wrong.
    public let message: String

    /// Creates an error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
