import FlowHDF5
import Foundation
import XCTest
@testable import FlowLab

/// `flowlab run` as a user meets it: errors before any folder, a locked run folder, resume of a completed run,
/// extending training, edited specs refused, divergence, Ctrl-C in sampling (once and twice) and a full disk.
final class RunLifecycleTests: XCTestCase {
    let smoke = "Experiments/smoke.yaml"
    let quick = ["train.steps=10", "eval.samples=100"]

    private func provenance(_ folder: URL) throws -> Provenance {
        try RunDirectory.open(folder).readProvenance()
    }

    func testSpecErrorsFailBeforeAnyFolderExists() throws {
        let flowlab = try FlowlabProcess(self)
        let results = flowlab.folder.appendingPathComponent("results")
        for extra in [[], ["--print-config"]] {
            let result = try flowlab.run(["run", smoke, "--results", results.path] + extra + ["eval.metrics=[]", "seeds=[0, 0]"])
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.standardError.contains("2 errors in the spec"), result.standardError)
            XCTAssertFalse(FileManager.default.fileExists(atPath: results.path), "no folder for a spec that cannot run")
        }
    }

    func testRunDirIntoANonEmptyFolderIsRefused() throws {
        let flowlab = try FlowlabProcess(self)
        let folder = flowlab.folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "my notes\n".write(to: folder.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
        let result = try flowlab.run(["run", smoke, "--run-dir", folder.path, "--quiet"] + quick)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("is not empty (report.md)"), result.standardError)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8), "my notes\n")
    }

    func testResumeOfACompletedRunLockedRunsExtensionAndEditedSpecs() throws {
        let flowlab = try FlowlabProcess(self)
        let folder = flowlab.folder.appendingPathComponent("run")
        let first = try flowlab.run(["run", smoke, "--run-dir", folder.path, "--threads", "2"] + quick)
        XCTAssertEqual(first.status, 0, first.standardError)
        XCTAssertTrue(first.standardError.contains("report: \(folder.path)/report.md"), "closing summary: \(first.standardError)")
        XCTAssertTrue(first.standardError.contains("label_tv"), first.standardError)
        let recorded = try ExperimentSpec(resolved: SpecNode.parse(yaml: String(contentsOf: folder.appendingPathComponent("resolved.yaml"), encoding: .utf8),
                                                                    file: "resolved.yaml"))
        let metricsFile = try HDF5File.open(folder.appendingPathComponent("metrics.h5"))
        XCTAssertEqual(try metricsFile.attribute("spec_sha256").stringValue, recorded.fingerprint, "metrics.h5 names its spec")
        try metricsFile.close()

        // A completed run is left alone.
        let again = try flowlab.run(["run", "--resume", folder.path])
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertTrue(again.standardOutput.contains("is already completed; nothing to do"), again.standardOutput)
        XCTAssertEqual(try provenance(folder).resumes.count, 0)

        // A second process on the same run is refused while the first holds it.
        let lock = try RunLock.acquire(RunDirectory(url: folder))
        let concurrent = try flowlab.run(["run", "--resume", folder.path, "--force", "--quiet"])
        lock.release()
        XCTAssertNotEqual(concurrent.status, 0)
        XCTAssertTrue(concurrent.standardError.contains("is writing to this run"), concurrent.standardError)

        // --force reruns sampling and evaluation, and removes temporary files of a killed write.
        let stale = folder.appendingPathComponent(".samples.h5.tmp-12345-abc")
        try Data("partial".utf8).write(to: stale)
        let forced = try flowlab.run(["run", "--resume", folder.path, "--force", "--quiet"])
        XCTAssertEqual(forced.status, 0, forced.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path))
        XCTAssertEqual(try provenance(folder).resumes.count, 1)
        XCTAssertEqual(try provenance(folder).status, .completed)

        // Only a larger train.steps may change on resume; it extends training and is recorded.
        let other = try flowlab.run(["run", "--resume", folder.path, "model.depth=3"])
        XCTAssertNotEqual(other.status, 0)
        XCTAssertTrue(other.standardError.contains("accepts only train.steps=N"), other.standardError)
        let extended = try flowlab.run(["run", "--resume", folder.path, "train.steps=20", "--quiet"])
        XCTAssertEqual(extended.status, 0, extended.standardError)
        let record = try XCTUnwrap(try provenance(folder).resumes.last)
        XCTAssertEqual(record.previousTrainSteps, 10)
        XCTAssertEqual(record.overrides, ["train.steps=20"])
        XCTAssertTrue(try String(contentsOf: folder.appendingPathComponent("resolved.yaml"), encoding: .utf8).contains("  steps: 20\n"))
        let metrics = try HDF5File.open(folder.appendingPathComponent("metrics.h5"))
        XCTAssertEqual(try metrics.readSeries("/train/cfg/step", as: Int64.self).last, 20)
        try metrics.close()

        // An edited resolved.yaml no longer matches the checkpoint: refused before the run is touched.
        let resolved = folder.appendingPathComponent("resolved.yaml")
        try String(contentsOf: resolved, encoding: .utf8).replacingOccurrences(of: "  batch_size: 64\n", with: "  batch_size: 32\n")
            .write(to: resolved, atomically: true, encoding: .utf8)
        let edited = try flowlab.run(["run", "--resume", folder.path, "--force", "--quiet"])
        XCTAssertNotEqual(edited.status, 0)
        XCTAssertTrue(edited.standardError.contains("was written by a run of another spec"), edited.standardError)
        XCTAssertEqual(try provenance(folder).status, .completed)
    }

    func testANonFiniteLossEndsTheRunWithAnError() throws {
        let flowlab = try FlowlabProcess(self)
        let folder = flowlab.folder.appendingPathComponent("run")
        let result = try flowlab.run(["run", smoke, "--run-dir", folder.path, "--quiet", "train.optimizer.lr=1e6"] + quick)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("diverged at step"), result.standardError)
        XCTAssertEqual(try provenance(folder).status, .failed)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.md").path))
    }

    /// Starts a run whose sampling takes long, and returns once it is sampling.
    private func launchLongSampling(_ flowlab: FlowlabProcess, into folder: URL) throws -> Process {
        let process = try flowlab.launch(["run", smoke, "--run-dir", folder.path, "--threads", "2",
                                          "train.steps=5", "train.schedule.warmup_steps=1", "eval.samples=20000", "sample.steps=3000"])
        let log = folder.appendingPathComponent("log.txt")
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline,
              !((try? String(contentsOf: log, encoding: .utf8))?.contains("sampling") ?? false) {
            usleep(20_000)
        }
        usleep(300_000)
        XCTAssertTrue(process.isRunning, "the run ended before sampling could be interrupted")
        return process
    }

    func testCtrlCStopsSamplingPromptlyAndSaysHowToResume() throws {
        let flowlab = try FlowlabProcess(self)
        let folder = flowlab.folder.appendingPathComponent("run")
        let process = try launchLongSampling(flowlab, into: folder)
        let start = Date()
        process.interrupt()
        let result = try flowlab.result(of: process)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "sampling polls the stop flag")
        XCTAssertEqual(result.status, 130, result.standardError)
        XCTAssertTrue(result.standardError.contains("resume with: flowlab run --resume \(folder.path)"), result.standardError)
        XCTAssertEqual(try provenance(folder).status, .interrupted)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("samples.h5").path))
    }

    func testASecondCtrlCStillRecordsTheRunAsInterrupted() throws {
        let flowlab = try FlowlabProcess(self)
        let folder = flowlab.folder.appendingPathComponent("run")
        let process = try launchLongSampling(flowlab, into: folder)
        process.interrupt()
        usleep(5_000)
        process.interrupt()
        let result = try flowlab.result(of: process)
        XCTAssertEqual(result.status, 130, result.standardError)
        XCTAssertEqual(try provenance(folder).status, .interrupted, result.standardError)
    }

    func testAFullDiskIsAnErrorNotASegfault() throws {
        let flowlab = try FlowlabProcess(self)
        let folder = flowlab.folder.appendingPathComponent("run")
        // Files may not grow past 30 KB (and SIGXFSZ is ignored), as on a disk that fills up during training.
        let result = try flowlab.run(["run", smoke, "--run-dir", folder.path, "--quiet"] + quick, shellPrefix: "trap '' XFSZ; ulimit -f 60;")
        XCTAssertEqual(result.status, 1, "an error exit, not a crash: \(result.standardError)")
        XCTAssertTrue(result.standardError.contains("Error:"), result.standardError)
        XCTAssertEqual(try provenance(folder).status, .failed)
    }
}
