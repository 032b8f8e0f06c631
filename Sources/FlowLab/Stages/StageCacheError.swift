/// A stage-cache folder or file that could not be written or read, with its path.
public struct StageCacheError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let path: String

    public init(_ message: String, path: String) {
        self.message = message
        self.path = path
    }

    public var description: String { "\(path): \(message)" }
}
