import Foundation

/// Text a test collects from a log or progress sink (thread-safe, as a `@Sendable` sink needs).
final class RecordedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        stored.append(line)
    }

    /// Everything appended, in order.
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
