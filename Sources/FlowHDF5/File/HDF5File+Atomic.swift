import Foundation

extension HDF5File {
    /// Writes a whole file atomically: `body` fills a new file in a temporary sibling of `url`, which then replaces `url`.
    ///
    /// Readers see either the old file or the complete new one, never a partial write; the new file is synced
    /// to disk before the rename, so this holds after a crash too. If `body` (or closing the file) throws,
    /// the temporary file is removed, any existing file at `url` is left untouched, and the error is rethrown.
    /// `body` must not keep the `HDF5File`; it is closed when `body` returns.
    public static func writeAtomically(to url: URL, _ body: (HDF5File) throws -> Void) throws {
        let temporaryURL = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        do {
            let file = try create(temporaryURL)
            do {
                try body(file)
            } catch {
                try? file.close()
                throw error
            }
            try file.close()
            try synchronizeToDisk(temporaryURL)
        } catch {
            try? FileManager.default.removeItem(at: temporaryURL)
            throw error
        }
        guard rename(temporaryURL.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporaryURL)
            throw HDF5Error(.fileSystemFailure, file: url.path, objectPath: HDF5Path.root, operation: "replace file atomically",
                            message: "cannot rename the temporary file '\(temporaryURL.lastPathComponent)' over it: \(reason)")
        }
    }

    /// Forces the written bytes of `url` to disk (fsync), so a rename after it cannot expose unwritten data.
    private static func synchronizeToDisk(_ url: URL) throws {
        do {
            let handle = try FileHandle(forUpdating: url)
            defer { try? handle.close() }
            try handle.synchronize()
        } catch {
            throw HDF5Error(.fileSystemFailure, file: url.path, objectPath: HDF5Path.root, operation: "sync file to disk",
                            message: "\(error)")
        }
    }
}
