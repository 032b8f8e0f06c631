import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files atomically: a temporary sibling is written, flushed to disk, then renamed over the target.
///
/// A reader (or a run killed at any instant) sees either the complete old file or the complete new
/// one, never a half-written file. This is FlowLab's one atomic-write helper: run folders (FlowLab),
/// HDF5 files (FlowHDF5's `writeAtomically`) and figures (FlowPlot) all go through it. Example:
///
///     try AtomicFile.write(Data("seeds: [0]\n".utf8), to: runDirectory.appendingPathComponent("resolved.yaml"))
///     try AtomicFile.write(to: checkpointURL) { temporaryURL in try hdf5Writer.save(to: temporaryURL) }
public enum AtomicFile {
    /// Atomically replaces (or creates) the file at `url` with `data`.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { temporaryURL in
            do {
                try data.write(to: temporaryURL)
            } catch {
                throw AtomicFileError(path: temporaryURL.path, reason: "cannot write temporary file: \(FileErrorText.describe(error))")
            }
        }
    }

    /// Atomically replaces (or creates) the file at `url` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Atomically replaces (or creates) the file at `url` with whatever `body` writes to the temporary path it is given.
    ///
    /// Use this for files produced by a library that wants a path (HDF5). If `body` throws, the
    /// temporary file is removed and the old file at `url` is left untouched.
    public static func write(to url: URL, using body: (_ temporaryURL: URL) throws -> Void) throws {
        try write(to: url, beforeRename: { _ in }, using: body)
    }

    /// The implementation, with a hook called between the flushed temporary write and the rename (tests inject failures there).
    static func write(to url: URL, beforeRename: (_ temporaryURL: URL) throws -> Void, using body: (_ temporaryURL: URL) throws -> Void) throws {
        let directory = url.deletingLastPathComponent()
        let temporaryURL = directory.appendingPathComponent(temporaryName(for: url.lastPathComponent))
        do {
            try body(temporaryURL)
            guard FileManager.default.fileExists(atPath: temporaryURL.path) else {
                throw AtomicFileError(path: url.path, reason: "the writer produced no file at \(temporaryURL.path)")
            }
            try synchronize(path: temporaryURL.path)
            try beforeRename(temporaryURL)
            guard rename(temporaryURL.path, url.path) == 0 else {
                throw AtomicFileError(path: url.path, reason: "cannot rename \(temporaryURL.lastPathComponent) into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporaryURL)
            throw error
        }
        try? synchronize(path: directory.path)
    }

    /// The name of the temporary sibling: hidden, unique per process and call, recognisably tied to the target.
    static func temporaryName(for fileName: String) -> String {
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return ".\(fileName).tmp-\(getpid())-\(token)"
    }

    /// Flushes the file (or directory) at `path` to stable storage.
    private static func synchronize(path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw AtomicFileError(path: path, reason: "cannot open for fsync: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw AtomicFileError(path: path, reason: "fsync failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// An atomic write failed; names the file and what went wrong.
public struct AtomicFileError: Error, CustomStringConvertible {
    /// The file being written.
    public let path: String
    /// What went wrong.
    public let reason: String

    /// Creates an error about the file at `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
