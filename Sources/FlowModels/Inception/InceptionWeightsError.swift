/// Why the FID Inception-v3 weights could not be loaded: the file, the archive key concerned, and what was wrong.
public struct InceptionWeightsError: Error, Equatable, CustomStringConvertible {
    /// The weights file.
    public let file: String
    /// The dotted archive key (`net.layers.mixed_3.conv.weight`), or nil for the file as a whole.
    public let key: String?
    /// What was wrong.
    public let message: String

    public init(file: String, key: String? = nil, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    /// `file: key: message`; the file is not repeated when the message already names it.
    public var description: String {
        if let key { return "\(file): \(key): \(message)" }
        return message.contains(file) ? message : "\(file): \(message)"
    }
}
