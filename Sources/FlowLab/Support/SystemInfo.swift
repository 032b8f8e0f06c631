import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the machine and toolchain, gathered for `provenance.json`.
enum SystemInfo {
    /// The commit and dirty flag of the git repository containing `folder`; `("unknown", nil)` outside one.
    static func gitState(in folder: URL) -> (commit: String, dirty: Bool?) {
        guard let head = runTool(["git", "-C", folder.path, "rev-parse", "HEAD"]), !head.isEmpty else {
            return ("unknown", nil)
        }
        let commit = head.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let status = runTool(["git", "-C", folder.path, "status", "--porcelain"]) else {
            return (commit, nil)
        }
        return (commit, !status.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    /// The first line of `swift --version`, or the compiler version this binary was built with when `swift` is not on PATH.
    static func swiftVersion() -> String {
        if let output = runTool(["swift", "--version"]),
           let firstLine = output.split(separator: "\n").first, firstLine.contains("Swift") {
            return String(firstLine)
        }
        return compiledSwiftVersion
    }

    /// The compiler version known at build time (a lower bound, from `#if compiler`).
    static var compiledSwiftVersion: String {
        #if compiler(>=6.3)
        return "compiled with Swift >= 6.3"
        #elseif compiler(>=6.2)
        return "compiled with Swift 6.2"
        #elseif compiler(>=6.1)
        return "compiled with Swift 6.1"
        #else
        return "compiled with Swift 6.0"
        #endif
    }

    /// The CPU's `model name` from /proc/cpuinfo (e.g. `AMD EPYC 9554 64-Core Processor`), or nil where there is none.
    /// This process's peak resident memory so far, in bytes (`getrusage(RUSAGE_SELF)`; Linux reports KiB).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #endif
    }

    static func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
    }

    /// `uname` system name, release and machine, e.g. `Linux 6.8.0-45-generic x86_64`.
    static func operatingSystem() -> String {
        var names = utsname()
        guard uname(&names) == 0 else { return ProcessInfo.processInfo.operatingSystemVersionString }
        func field<T>(_ value: inout T) -> String {
            withUnsafePointer(to: &value) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout<T>.size) { String(cString: $0) }
            }
        }
        return "\(field(&names.sysname)) \(field(&names.release)) \(field(&names.machine))"
    }

    /// Runs a tool found on PATH and returns its standard output, or `nil` if it is missing or fails.
    static func runTool(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
