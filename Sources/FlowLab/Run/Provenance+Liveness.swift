import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Provenance {
    /// What a recorded status means now: a run that says `running` but whose process is gone was killed
    /// (SIGKILL, out of memory, a power cut) before it could record anything.
    public enum Liveness: Equatable, Sendable, CustomStringConvertible {
        /// The recorded status, which is final (`completed`, `interrupted`, `failed`).
        case ended(RunStatus)
        /// Says running and its process is alive on this host.
        case running(processID: Int32)
        /// Says running but its process no longer exists on this host.
        case killed(processID: Int32, host: String)
        /// Says running on another host (or without a process id), which cannot be checked from here.
        case unverifiable(host: String)

        public var description: String {
            switch self {
            case .ended(let status): return status.rawValue
            case .running(let processID): return "running (process \(processID) is alive)"
            case .killed(let processID, let host):
                return "killed (provenance says running, but process \(processID) on \(host) is gone; continue it with flowlab run --resume)"
            case .unverifiable(let host): return "running on \(host) (or killed: its process cannot be checked from this host)"
            }
        }
    }

    /// The run's state now: for a recorded `running`, whether the recorded process on this host still exists.
    public var liveness: Liveness {
        guard status == .running else { return .ended(status) }
        guard let processID, host == ProcessInfo.processInfo.hostName else { return .unverifiable(host: host) }
        if kill(processID, 0) == 0 || errno == EPERM { return .running(processID: processID) }
        return .killed(processID: processID, host: host)
    }
}
