import CHDF5

extension HDF5File {
    /// An error about `path` in this file.
    func error(_ kind: HDF5Error.Kind, _ message: String, operation: String, path: String) -> HDF5Error {
        HDF5Error(kind, file: url.path, objectPath: path, operation: operation, message: message)
    }

    /// The file identifier, or `.fileClosed` when the file was closed.
    func requireOpen(operation: String, path: String) throws -> hid_t {
        guard let fileID else { throw error(.fileClosed, "the file was already closed", operation: operation, path: path) }
        return fileID
    }

    /// The file identifier of a file open for writing, or `.fileClosed` / `.readOnlyFile`.
    func requireWritable(operation: String, path: String) throws -> hid_t {
        let fileID = try requireOpen(operation: operation, path: path)
        guard mode == .readWrite else {
            throw error(.readOnlyFile, "the file is open read-only", operation: operation, path: path)
        }
        return fileID
    }

    /// The canonical form of a user-given path, or `.invalidArgument` for "." and ".." components.
    func normalizedPath(_ path: String, operation: String) throws -> String {
        guard let normalized = HDF5Path.normalized(path) else {
            throw error(.invalidArgument, "paths may not contain '.' or '..' components", operation: operation, path: path)
        }
        return normalized
    }

    /// Returns a non-negative identifier, or throws `.libraryFailure` with HDF5's message.
    @discardableResult
    func check(_ identifier: hid_t, operation: String, path: String) throws -> hid_t {
        guard identifier >= 0 else {
            throw error(.libraryFailure, HDF5Library.lastErrorMessage() ?? "the HDF5 call failed", operation: operation, path: path)
        }
        return identifier
    }

    /// Throws `.libraryFailure` with HDF5's message when a status is negative.
    func check(_ status: herr_t, operation: String, path: String) throws {
        guard status >= 0 else {
            throw error(.libraryFailure, HDF5Library.lastErrorMessage() ?? "the HDF5 call failed", operation: operation, path: path)
        }
    }
}
