/// An image could not be decoded, encoded or processed; the message names the file and what was wrong.
///
///     do { _ = try ImageDecoder().decode(contentsOf: url) }
///     catch let error as ImageError { print(error) }  // "photo.jpg: JPEG: Premature end of JPEG file"
public struct ImageError: Error, CustomStringConvertible, Sendable {
    /// The file (or a description of the in-memory source) the error concerns.
    public let source: String
    /// What was wrong.
    public let message: String

    /// Creates an error about `source`.
    public init(source: String, _ message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
