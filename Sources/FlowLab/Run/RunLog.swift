import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends timestamped lines to a run's `log.txt`; safe to call from several threads.
///
/// The log is a stream, so it is appended to rather than rewritten atomically; the file is opened with
/// `O_APPEND` and every message is written with one `write` call, so lines of two processes never overwrite
/// each other and a killed run leaves at most a missing last line. Example:
///
///     let log = try run.openLog()
///     log.write("step 500: loss 0.1234")
public final class RunLog: @unchecked Sendable {
    /// The log file.
    public let url: URL
    private let handle: FileHandle
    private let lock = NSLock()
    private let clock: @Sendable () -> Date

    /// Opens (creating if needed) the log at `url` for appending; `clock` stamps each line.
    public init(url: URL, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.url = url
        self.clock = clock
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunDirectoryError(path: url.path, reason: "cannot open log for appending: \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit {
        try? handle.close()
    }

    /// Appends `message` as one line (or several, if it contains newlines), each prefixed with an ISO 8601 time.
    ///
    /// A failed write (disk full) is dropped rather than thrown, so logging can never stop a training run.
    public func write(_ message: String) {
        let stamp = ISO8601DateFormatter.string(from: clock(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime])
        let text = message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "\(stamp) \($0)\n" }.joined()
        lock.lock()
        defer { lock.unlock() }
        try? handle.write(contentsOf: Data(text.utf8))
    }
}
