import Foundation

/// The absolute path of the running `flowlab` executable, so sweeps can start more of it.
enum ExecutablePath {
    /// `/proc/self/exe` resolved on Linux, else `argv[0]` made absolute (searching PATH for a bare name).
    static func current() -> URL {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: resolved)
        }
        let first = CommandLine.arguments.first ?? "flowlab"
        if first.contains("/") {
            return URL(fileURLWithPath: first).standardizedFileURL
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(first)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: first)
    }
}
