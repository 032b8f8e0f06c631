/// An error reading a `.npy` file: the file and what was wrong with it.
public struct NumpyFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path of the offending file.
    public let path: String
    /// What was wrong.
    public let reason: String

    /// A one-line message: `path: reason`.
    public var description: String { "\(path): \(reason)" }
}
