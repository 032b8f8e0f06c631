import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT/SIGTERM into a polite stop request that the training loop polls.
///
/// The first signal sets `stopRequested`; the loop then writes a final checkpoint and exits
/// cleanly. A second signal exits at once (status 128 + signal number), for when the user
/// really means it. One `StopSignal` is active per process at a time. Example:
///
///     let stop = StopSignal.install()
///     defer { stop.uninstall() }
///     for step in firstStep..<totalSteps {
///         try trainer.step()
///         if stop.stopRequested { try checkpoint.save(); break }
///     }
public final class StopSignal: @unchecked Sendable {
    /// The signals handled.
    public let signals: [Int32]
    private let lock = NSLock()
    private var signalCount = 0
    private var requestedWithoutSignal = false
    private var lastSignal: Int32?
    private let onSecondSignal: @Sendable (Int32) -> Void

    private init(signals: [Int32], onSecondSignal: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        self.onSecondSignal = onSecondSignal
    }

    /// Whether a stop was requested by a signal (or `requestStop()`).
    public var stopRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return signalCount > 0 || requestedWithoutSignal
    }

    /// The signal that requested the stop, if any.
    public var receivedSignal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return lastSignal
    }

    /// Handles `signals` from now on (default SIGINT and SIGTERM) instead of their default action (terminate), until `uninstall()`.
    public static func install(signals: [Int32] = [SIGINT, SIGTERM]) -> StopSignal {
        install(signals: signals, onSecondSignal: { signal in
            FileHandle.standardError.write(Data("\nsecond signal \(signal): exiting immediately without a checkpoint\n".utf8))
            _exit(128 + signal)
        })
    }

    /// `install`, running `beforeExit` (e.g. recording the run as interrupted) when a second signal exits at once.
    public static func install(signals: [Int32] = [SIGINT, SIGTERM], beforeExit: @escaping @Sendable (Int32) -> Void) -> StopSignal {
        install(signals: signals, onSecondSignal: { signal in
            FileHandle.standardError.write(Data("\nsecond signal \(signal): exiting immediately without a checkpoint\n".utf8))
            beforeExit(signal)
            _exit(128 + signal)
        })
    }

    /// `install`, with what happens on the second signal injectable (tests must not exit).
    static func install(signals: [Int32], onSecondSignal: @escaping @Sendable (Int32) -> Void) -> StopSignal {
        let stop = StopSignal(signals: signals, onSecondSignal: onSecondSignal)
        SignalPipe.route(signals, to: stop)
        return stop
    }

    /// Requests a stop without a signal (same effect as a first signal; a later signal still counts as the first).
    public func requestStop() {
        lock.lock()
        requestedWithoutSignal = true
        lock.unlock()
    }

    /// Stops handling the signals and restores their default action.
    public func uninstall() {
        SignalPipe.unroute(signals, from: self)
    }

    /// Called (off the signal handler) for every delivered signal.
    func received(_ number: Int32) {
        lock.lock()
        signalCount += 1
        lastSignal = number
        let isRepeat = signalCount > 1
        lock.unlock()
        if isRepeat { onSecondSignal(number) }
    }
}
