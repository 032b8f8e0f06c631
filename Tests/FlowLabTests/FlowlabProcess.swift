import Foundation
import XCTest

/// Runs the `flowlab` executable built beside the test bundle, as a user would (for run-lifecycle tests).
struct FlowlabProcess {
    /// The outcome of a finished command.
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The package root: commands run there, so `Experiments/...` paths resolve.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let executable: URL
    /// Where standard output and error are collected (files, so no pipe can fill up).
    let folder: URL

    /// Finds the executable (skipping the test when it is not built) and makes a scratch folder.
    init(_ testCase: XCTestCase) throws {
        let bundle = Bundle(for: type(of: testCase)).bundleURL
        guard let found = [bundle.deletingLastPathComponent(), bundle].map({ $0.appendingPathComponent("flowlab") })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the flowlab executable is not built next to \(bundle.path) (make test builds it)")
        }
        executable = found
        folder = try makeRunTestFolder(testCase)
    }

    /// Starts `flowlab arguments` (through `sh -c` with `shellPrefix` when given, e.g. `ulimit -f 60;`), with
    /// `environment` added to this process's.
    func launch(_ arguments: [String], shellPrefix: String? = nil, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let shellPrefix {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let words = ([executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            process.arguments = ["-c", shellPrefix + " exec " + words.joined(separator: " ")]
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = Self.packageRoot
        let output = folder.appendingPathComponent("stdout"), error = folder.appendingPathComponent("stderr")
        try Data().write(to: output)
        try Data().write(to: error)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The output of a process started by ``launch(_:shellPrefix:)`` once it has ended.
    func result(of process: Process) throws -> Result {
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: try String(contentsOf: folder.appendingPathComponent("stdout"), encoding: .utf8),
                      standardError: try String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8))
    }

    /// Runs `flowlab arguments` to the end.
    func run(_ arguments: [String], shellPrefix: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try result(of: try launch(arguments, shellPrefix: shellPrefix, environment: environment))
    }
}
