import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a run folder, held while a process writes to it.
///
/// Two `flowlab run --resume` of one run at once would both append to `/train` series and `log.txt`; the second
/// one must refuse instead. The lock is `flock` on `<run>/.lock`, which the kernel releases when the process ends
/// however it ends (crash, `kill -9`), so a stale lock never blocks a later resume. Example:
///
///     let lock = try RunLock.acquire(run)      // throws if another process holds it
///     defer { lock.release() }
public final class RunLock: @unchecked Sendable {
    /// The lock file.
    public let url: URL
    private var descriptor: Int32

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Takes the lock of `run` without waiting; throws naming the holder's process id when another process has it.
    public static func acquire(_ run: RunDirectory) throws -> RunLock {
        let url = run.file(".lock")
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunDirectoryError(path: url.path, reason: "cannot create the run's lock file: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            let who = holder.isEmpty ? "another flowlab process" : "another flowlab process (pid \(holder))"
            throw RunDirectoryError(path: run.url.path,
                                    reason: "\(who) is writing to this run; wait for it to finish (or stop it) before resuming")
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return RunLock(url: url, descriptor: descriptor)
    }

    /// Releases the lock (also done when the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}
