import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites an existing small file in place: the last resort when the disk is full and no new file fits.
///
/// Not atomic (a crash in between leaves a mix), so use ``AtomicFile`` first and this only when that failed.
enum InPlaceFile {
    /// Writes `data` over the start of the existing file at `url`, cuts it to `data.count` bytes and syncs it.
    static func overwrite(_ url: URL, with data: Data) throws {
        let descriptor = open(url.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw AtomicFileError(path: url.path, reason: "cannot open to rewrite: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        guard written == data.count, ftruncate(descriptor, off_t(data.count)) == 0, fsync(descriptor) == 0 else {
            throw AtomicFileError(path: url.path, reason: "cannot rewrite in place: \(String(cString: strerror(errno)))")
        }
    }
}
