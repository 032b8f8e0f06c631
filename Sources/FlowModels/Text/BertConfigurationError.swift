/// Why a BERT `config.json` cannot be used: the file, the key and what was wrong.
public struct BertConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The file's path.
    public let file: String
    /// The JSON key at fault, or nil for the file as a whole.
    public let key: String?
    /// What was wrong.
    public let message: String

    /// An error about `file` (and `key`).
    public init(file: String, key: String?, _ message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String { key.map { "\(file): \($0): \(message)" } ?? "\(file): \(message)" }
}
