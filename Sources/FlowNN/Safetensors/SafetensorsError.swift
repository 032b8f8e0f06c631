/// Why a safetensors file cannot be read: the file, the tensor (when one is at fault) and what was wrong.
public struct SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// The file's path.
    public let file: String
    /// The tensor name the problem concerns, or nil for the file as a whole.
    public let key: String?
    /// What was wrong.
    public let message: String

    /// An error about `file` (and `key`, when given).
    public init(file: String, key: String? = nil, _ message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        if let key { return "\(file): tensor '\(key)': \(message)" }
        return "\(file): \(message)"
    }
}
