import FlowHDF5
import Foundation
import XCTest
@testable import FlowLab

/// Kill a real `flowlab run` with SIGINT mid-training, resume it, and compare with an uninterrupted run:
/// the final parameters, training curves and evaluation metrics must be bitwise identical.
final class ResumeTests: XCTestCase {
    /// The `flowlab` built beside the test bundle (Linux reports the products folder as the bundle).
    var executable: URL {
        let bundle = Bundle(for: Self.self).bundleURL
        let candidates = [bundle.appendingPathComponent("flowlab"), bundle.deletingLastPathComponent().appendingPathComponent("flowlab")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func testKilledAndResumedRunEqualsAnUninterruptedOne() throws {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("flowlab is not built next to the tests (make test builds it): \(executable.path)")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowlab-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let spec = ModeCollapseExperimentTests.smokeSpec
        let overrides = ["train.steps=1500", "train.checkpoint_every=100", "eval.samples=200"]

        let straight = root.appendingPathComponent("straight")
        let uninterrupted = try launch(["run", "--run-dir", straight.path, "--quiet", "--threads", "2", "--", spec] + overrides)
        uninterrupted.waitUntilExit()
        XCTAssertEqual(uninterrupted.terminationStatus, 0)

        let killed = root.appendingPathComponent("killed")
        let process = try launch(["run", "--run-dir", killed.path, "--quiet", "--threads", "2", "--", spec] + overrides)
        let checkpoint = killed.appendingPathComponent("checkpoint.h5")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: checkpoint.path) && process.isRunning && Date() < deadline {
            usleep(2_000)
        }
        XCTAssertTrue(process.isRunning, "the run finished before it could be interrupted; raise train.steps")
        process.interrupt()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130, "SIGINT checkpoints and exits with 130")
        let status = try RunDirectory.open(killed).readProvenance().status
        XCTAssertEqual(status, .interrupted)
        XCTAssertFalse(FileManager.default.fileExists(atPath: killed.appendingPathComponent("report.md").path))

        let resumed = try launch(["run", "--resume", killed.path, "--quiet", "--threads", "2"])
        resumed.waitUntilExit()
        XCTAssertEqual(resumed.terminationStatus, 0)
        let provenance = try RunDirectory.open(killed).readProvenance()
        XCTAssertEqual(provenance.status, .completed)
        XCTAssertEqual(provenance.resumes.count, 1, "the resume is recorded in provenance.json")

        try assertSameDatasets(straight.appendingPathComponent("checkpoint.h5"), killed.appendingPathComponent("checkpoint.h5"), under: "/")
        try assertSameDatasets(straight.appendingPathComponent("samples.h5"), killed.appendingPathComponent("samples.h5"), under: "/")
        try assertSameDatasets(straight.appendingPathComponent("metrics.h5"), killed.appendingPathComponent("metrics.h5"), under: "/",
                               skipping: "_per_second")
    }
}
