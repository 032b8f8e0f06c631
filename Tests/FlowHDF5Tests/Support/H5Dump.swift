import Foundation
import XCTest

/// Runs the `h5dump` command-line tool, so tests can check that other HDF5 readers understand our files.
enum H5Dump {
    /// The `h5dump` executable on PATH, or nil when hdf5-tools is not installed.
    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("h5dump") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The text `h5dump arguments... file` prints; throws XCTSkip when h5dump is missing.
    static func output(_ arguments: [String], file: URL) throws -> String {
        guard let executable else { throw XCTSkip("h5dump is not installed (apt-get install hdf5-tools)") }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, "h5dump failed:\n\(text)")
        return text
    }
}
