import CHDF5
import Foundation

/// Process-wide access to the HDF5 C library: one-time setup and a lock around every call.
///
/// The HDF5 library installed by `libhdf5-dev` is the serial (non-thread-safe) build, so every
/// FlowHDF5 entry point runs its HDF5 calls inside `withLock`. The lock is recursive because
/// public operations call one another (writing a dataset creates its parent groups).
enum HDF5Library {
    /// The single lock that serializes all HDF5 calls in the process.
    private static let lock = NSRecursiveLock()

    /// Opens the library once and silences HDF5's own error-stack printing, so callers see only `HDF5Error`.
    ///
    /// HDF5's exit handler is turned off: when a disk fills up, `H5Fclose` fails and leaves the file half-open
    /// in the library, and the handler's attempt to close it again at exit crashes (a segfault after the clean
    /// error message). FlowHDF5 closes every file it opens itself (`close()`, or when the `HDF5File` is
    /// released), so nothing is left for the handler to flush.
    private static let isInitialized: Bool = {
        _ = H5dont_atexit()
        _ = flowlab_h5open()
        H5Eset_auto2(flowlab_h5e_default(), nil, nil)
        return true
    }()

    /// Runs `body` while holding the HDF5 lock, initializing the library on first use.
    static func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        precondition(isInitialized)
        return try body()
    }

    /// The most specific message on HDF5's error stack, read right after a failed call; nil when the stack is empty.
    static func lastErrorMessage() -> String? {
        final class Messages { var descriptions: [String] = [] }
        let messages = Messages()
        let context = Unmanaged.passUnretained(messages).toOpaque()
        H5Ewalk2(flowlab_h5e_default(), H5E_WALK_DOWNWARD, { _, error, context in
            guard let error, let context, let description = error.pointee.desc else { return 0 }
            let messages = Unmanaged<AnyObject>.fromOpaque(context).takeUnretainedValue()
            (messages as? Messages)?.descriptions.append(String(cString: description))
            return 0
        }, context)
        withExtendedLifetime(messages) {}
        return messages.descriptions.last(where: { !$0.isEmpty })
    }
}
