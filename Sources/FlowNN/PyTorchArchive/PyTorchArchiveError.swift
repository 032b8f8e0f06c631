/// Why a PyTorch archive (`.pt`, `.pth`, `.bin`, TorchScript) could not be read, naming the file, the entry inside
/// it and, for pickle errors, the byte offset of the opcode.
///
/// ```
/// default_1.pt: out_jit_module/data.pkl at byte 296: global 'os.system' is not allowed
/// ```
public struct PyTorchArchiveError: Error, Equatable, CustomStringConvertible {
    /// The archive's path.
    public let file: String
    /// The zip entry concerned (`archive/data.pkl`, `archive/data/3`), or nil for the archive as a whole.
    public let entry: String?
    /// The byte offset inside `entry` where the pickle went wrong, when known.
    public let offset: Int?
    /// What went wrong.
    public let message: String

    public init(file: String, entry: String? = nil, offset: Int? = nil, message: String) {
        self.file = file
        self.entry = entry
        self.offset = offset
        self.message = message
    }

    public var description: String {
        var location = file
        if let entry { location += ": \(entry)" }
        if let offset { location += " at byte \(offset)" }
        return "\(location): \(message)"
    }
}
