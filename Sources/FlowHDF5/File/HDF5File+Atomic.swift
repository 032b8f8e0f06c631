import FlowSupport
import Foundation

extension HDF5File {
    /// Writes a whole file atomically: `body` fills a new file in a temporary sibling of `url`, which then replaces `url`.
    ///
    /// Uses FlowSupport's `AtomicFile`, FlowLab's one atomic-write helper. Readers see either the old file or the
    /// complete new one, never a partial write; the new file is synced
    /// to disk before the rename, so this holds after a crash too. If `body` (or closing the file) throws,
    /// the temporary file is removed, any existing file at `url` is left untouched, and the error is rethrown.
    /// `body` must not keep the `HDF5File`; it is closed when `body` returns.
    public static func writeAtomically(to url: URL, _ body: (HDF5File) throws -> Void) throws {
        try AtomicFile.write(to: url) { temporaryURL in
            let file = try create(temporaryURL)
            do {
                try body(file)
            } catch {
                try? file.close()
                throw error
            }
            try file.close()
        }
    }
}
