import Foundation
import XCTest

/// `make experiment NAME=...` runs only a spec named with `[A-Za-z0-9_.-]+`; a name holding shell or make syntax
/// is refused before anything runs (it once ran ``touch /tmp/x`` through an unquoted `$(NAME)`).
final class MakefileTests: XCTestCase {
    /// Runs `make experiment NAME=name` in the package root with a stand-in `swift` that records the flowlab command.
    private func makeExperiment(_ name: String, in folder: URL) throws -> (status: Int32, recorded: String?) {
        let fakeSwift = folder.appendingPathComponent("fake-swift"), fakeFlowlab = folder.appendingPathComponent("flowlab")
        let record = folder.appendingPathComponent("flowlab-arguments")
        try "#!/bin/sh\ncase \"$*\" in *--show-bin-path*) echo '\(folder.path)';; esac\n".write(to: fakeSwift, atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho \"$@\" > '\(record.path)'\n".write(to: fakeFlowlab, atomically: true, encoding: .utf8)
        for script in [fakeSwift, fakeFlowlab] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["make", "-s", "experiment", "NAME=\(name)", "SWIFT=\(fakeSwift.path)"]
        process.currentDirectoryURL = FlowlabProcess.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try? String(contentsOf: record, encoding: .utf8))
    }

    func testNamesWithShellOrMakeSyntaxAreRefusedAndNothingRuns() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/make") else { throw XCTSkip("make is not installed") }
        let folder = try makeRunTestFolder(self)
        let marker = folder.appendingPathComponent("pwned")
        for name in ["`touch \(marker.path)`", "$(touch \(marker.path))", "$(shell touch \(marker.path))",
                     "x; touch \(marker.path)", "../Experiments/smoke", ".hidden", "a b"] {
            let outcome = try makeExperiment(name, in: folder)
            XCTAssertEqual(outcome.status, 2, name)
            XCTAssertNil(outcome.recorded, "flowlab must not run for NAME=\(name)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: marker.path), "NAME=\(name) ran a command")
        }
        let good = try makeExperiment("smoke", in: folder)
        XCTAssertEqual(good.status, 0)
        XCTAssertEqual(good.recorded, "run Experiments/smoke.yaml\n")
    }
}
