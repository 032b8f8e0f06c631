/// Why pretrained weights could not be fetched or verified: the package, the file (when one is at fault), and what
/// went wrong.
public struct WeightsInstallError: Error, Equatable, CustomStringConvertible {
    /// The package name (`minilm`).
    public let package: String
    /// The file at fault (a path), or nil.
    public let file: String?
    /// What went wrong.
    public let message: String

    /// An error about `package` (and `file`).
    public init(package: String, file: String? = nil, _ message: String) {
        self.package = package
        self.file = file
        self.message = message
    }

    public var description: String {
        if let file { return "weights '\(package)': \(file): \(message)" }
        return "weights '\(package)': \(message)"
    }
}
