import FlowSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates directories whose names never collide, even when several processes race for the same name.
enum UniqueDirectory {
    /// Creates `parent/baseName`, or `baseName-2`, `baseName-3`, ... when taken, and returns the new directory.
    ///
    /// Each attempt is a single `mkdir`, which either creates the directory or fails with `EEXIST`,
    /// so two processes can never both believe they own the same name. `parent` is created if missing.
    static func create(in parent: URL, baseName: String) throws -> URL {
        try createIntermediates(parent)
        for attempt in 1...10_000 {
            let name = attempt == 1 ? baseName : "\(baseName)-\(attempt)"
            let candidate = parent.appendingPathComponent(name, isDirectory: true)
            if mkdir(candidate.path, 0o755) == 0 { return candidate }
            guard errno == EEXIST else {
                throw AtomicFileError(path: candidate.path, reason: "cannot create directory: \(String(cString: strerror(errno)))")
            }
        }
        throw AtomicFileError(path: parent.appendingPathComponent(baseName).path, reason: "no free directory name after 10000 attempts")
    }

    /// Creates `directory` and its missing parents; an existing directory is fine.
    static func createIntermediates(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            // Foundation often gives no reason (Cocoa error 512); name the usual one: a file where a folder should be.
            var ancestor = directory.deletingLastPathComponent()
            while ancestor.path != "/" {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
                    if !isDirectory.boolValue {
                        throw AtomicFileError(path: directory.path, reason: "cannot create directory: \(ancestor.path) is a file, not a folder")
                    }
                    break
                }
                ancestor = ancestor.deletingLastPathComponent()
            }
            throw AtomicFileError(path: directory.path, reason: "cannot create directory: \(FileErrorText.describe(error))")
        }
    }
}
