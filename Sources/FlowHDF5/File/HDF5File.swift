import CHDF5
import Foundation

/// An open HDF5 file: groups, numeric and string datasets, attributes and appendable series.
///
/// ```swift
/// let file = try HDF5File.create(url)
/// try file.write(weights, shape: [64, 2], to: "/params/net.w", compression: 4)
/// try file.setAttribute("step", .int(1000))
/// try file.appendSeries([0.71, 0.69], to: "/train/loss")
/// try file.close()
/// ```
///
/// Paths are absolute inside the file ("/a/b"; "a/b" means the same). Writing a dataset creates
/// its missing parent groups and replaces an existing dataset at that path (HDF5 does not
/// reclaim the old space until the file is repacked). The file closes on `close()` or when
/// the object is released. HDF5 locks open files: while one process has a file open for writing,
/// another process cannot open it (the error says "unable to lock file") until it is closed.
///
/// Threading: the system HDF5 is the serial build, which is not thread-safe. FlowHDF5 runs
/// every HDF5 call under one process-wide lock, so separate `HDF5File`s may be used from
/// separate threads (calls are serialized); one `HDF5File` is not `Sendable` and belongs to one task.
public final class HDF5File {
    /// The file's location on disk.
    public let url: URL
    /// Whether the file was opened for reading only or for reading and writing.
    public let mode: Mode
    /// The HDF5 file identifier, or nil once closed.
    var fileID: hid_t?
    /// Whether datasets created from now on carry Fletcher-32 checksums (chunked storage), so that a corrupted
    /// chunk fails to read instead of returning wrong numbers. Scalar and empty datasets cannot carry one.
    public var checksumsNewDatasets = false

    /// Whether the file is still open.
    public var isOpen: Bool { HDF5Library.withLock { fileID != nil } }

    private init(url: URL, mode: Mode, fileID: hid_t) {
        self.url = url
        self.mode = mode
        self.fileID = fileID
    }

    deinit {
        HDF5Library.withLock {
            if let fileID { H5Fclose(fileID) }
        }
    }

    /// Creates an empty file at `url` for reading and writing, replacing any file already there.
    public static func create(_ url: URL) throws -> HDF5File {
        try HDF5Library.withLock {
            let operation = "create file"
            let folder = url.deletingLastPathComponent()
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw HDF5Error(.fileNotFound, file: url.path, objectPath: HDF5Path.root, operation: operation,
                                message: "the folder '\(folder.path)' does not exist")
            }
            let accessList = try makeFileAccessList(url: url, operation: operation)
            defer { H5Pclose(accessList) }
            let fileID = H5Fcreate(url.path, flowlab_h5f_acc_trunc(), flowlab_h5p_default(), accessList)
            guard fileID >= 0 else {
                throw libraryError(url: url, operation: operation, fallback: "H5Fcreate failed")
            }
            return HDF5File(url: url, mode: .readWrite, fileID: fileID)
        }
    }

    /// Opens the existing HDF5 file at `url`, read-only unless `mode` is `.readWrite`.
    public static func open(_ url: URL, mode: Mode = .readOnly) throws -> HDF5File {
        try HDF5Library.withLock {
            let operation = mode == .readOnly ? "open file read-only" : "open file for writing"
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw HDF5Error(.fileNotFound, file: url.path, objectPath: HDF5Path.root, operation: operation,
                                message: "no such file")
            }
            guard H5Fis_hdf5(url.path) > 0 else {
                throw HDF5Error(.notHDF5File, file: url.path, objectPath: HDF5Path.root, operation: operation,
                                message: "the file is not in HDF5 format")
            }
            let accessList = try makeFileAccessList(url: url, operation: operation)
            defer { H5Pclose(accessList) }
            let flags = mode == .readOnly ? flowlab_h5f_acc_rdonly() : flowlab_h5f_acc_rdwr()
            let fileID = H5Fopen(url.path, flags, accessList)
            guard fileID >= 0 else {
                throw libraryError(url: url, operation: operation, fallback: "H5Fopen failed")
            }
            return HDF5File(url: url, mode: mode, fileID: fileID)
        }
    }

    /// Opens the file at `url` for reading and writing, creating it empty if it does not exist (e.g. metrics across a resume).
    public static func openOrCreate(_ url: URL) throws -> HDF5File {
        try HDF5Library.withLock {
            FileManager.default.fileExists(atPath: url.path) ? try open(url, mode: .readWrite) : try create(url)
        }
    }

    /// Writes buffered changes to disk without closing the file.
    public func flush() throws {
        try HDF5Library.withLock {
            let fileID = try requireOpen(operation: "flush file", path: HDF5Path.root)
            try check(H5Fflush(fileID, H5F_SCOPE_GLOBAL), operation: "flush file", path: HDF5Path.root)
        }
    }

    /// Closes the file, writing everything to disk; later calls on this object throw `.fileClosed`. Closing twice does nothing.
    public func close() throws {
        try HDF5Library.withLock {
            guard let fileID else { return }
            self.fileID = nil
            try check(H5Fclose(fileID), operation: "close file", path: HDF5Path.root)
        }
    }

    /// File access properties: close every object with the file, so a closed file is really closed.
    private static func makeFileAccessList(url: URL, operation: String) throws -> hid_t {
        let accessList = H5Pcreate(flowlab_h5p_file_access())
        guard accessList >= 0, H5Pset_fclose_degree(accessList, H5F_CLOSE_STRONG) >= 0 else {
            throw libraryError(url: url, operation: operation, fallback: "cannot create file access properties")
        }
        return accessList
    }

    /// A `.libraryFailure` error carrying HDF5's own message (or `fallback`), for file-level calls.
    private static func libraryError(url: URL, operation: String, fallback: String) -> HDF5Error {
        HDF5Error(.libraryFailure, file: url.path, objectPath: HDF5Path.root, operation: operation,
                  message: HDF5Library.lastErrorMessage() ?? fallback)
    }
}
