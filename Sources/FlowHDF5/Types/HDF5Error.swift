import Foundation

/// The one error FlowHDF5 throws: what went wrong, in which file, at which object path, during which operation.
///
/// Its description reads like
/// `HDF5 read dataset failed for '/data/labels' in file 'runs/a/samples.h5': stored type int32 cannot be read as float32`.
public struct HDF5Error: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The category of failure, for callers that want to react to one case (e.g. `.objectNotFound`).
    public enum Kind: String, Equatable, Sendable {
        /// The file (or the folder it should be created in) does not exist.
        case fileNotFound
        /// The file exists but is not an HDF5 file.
        case notHDF5File
        /// No group, dataset or attribute exists at the path.
        case objectNotFound
        /// The path names a group where a dataset is needed, or the reverse.
        case wrongObjectKind
        /// The stored element type cannot be read (losslessly) as the requested Swift type.
        case typeMismatch
        /// Values and shape disagree, or a dataset has a rank/size the operation cannot use.
        case shapeMismatch
        /// The dataset is not a chunked, unlimited 1-D series, so it cannot be appended to.
        case notAppendable
        /// An argument is invalid (bad path, compression level, chunk shape, string with NUL, ...).
        case invalidArgument
        /// The file was opened read-only and the operation writes.
        case readOnlyFile
        /// The file was already closed.
        case fileClosed
        /// Moving or removing a file on disk failed.
        case fileSystemFailure
        /// The HDF5 library reported a failure; the message carries its own explanation.
        case libraryFailure
    }

    /// The category of failure.
    public let kind: Kind
    /// The file system path of the HDF5 file.
    public let file: String
    /// The object path inside the file (e.g. "/train/loss"; "/" for the file itself).
    public let objectPath: String
    /// The operation that failed, in words (e.g. "read dataset", "set attribute 'step'").
    public let operation: String
    /// What was wrong.
    public let message: String

    /// Creates an error; FlowHDF5 builds these, callers only read them.
    public init(_ kind: Kind, file: String, objectPath: String, operation: String, message: String) {
        self.kind = kind
        self.file = file
        self.objectPath = objectPath
        self.operation = operation
        self.message = message
    }

    /// One line naming the operation, the object path, the file and the reason.
    public var description: String {
        "HDF5 \(operation) failed for '\(objectPath)' in file '\(file)': \(message)"
    }

    /// The same text as `description`, so `localizedDescription` shows it too.
    public var errorDescription: String? { description }
}
