import FlowHDF5
import Foundation
import XCTest
@testable import FlowLab

/// A checkpoint restores only when it is intact, finite and from the same spec; otherwise the error says
/// checkpoint.h5 is damaged (or from another spec) and how to restart. Non-finite training stops at once.
final class CheckpointIntegrityTests: XCTestCase {
    let smoke = ModeCollapseExperimentTests.smokeSpec

    static let overrides = ["eval.samples=100", "train.steps=10"]
    /// One smoke run with a checkpoint, trained once for all tests (each test works on its own copy).
    nonisolated(unsafe) static var trained: RunDirectory?
    override class func tearDown() {
        if let trained { try? FileManager.default.removeItem(at: trained.url.deletingLastPathComponent().deletingLastPathComponent()) }
        trained = nil
    }

    /// A run folder holding a copy of the trained checkpoint, and the spec that trained it.
    private func trainedRun() throws -> (RunDirectory, ExperimentSpec) {
        if Self.trained == nil {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowlab-checkpoints-\(UUID().uuidString)")
            Self.trained = try ModeCollapseExperimentTests.runSmoke(Self.overrides, resultsRoot: root)
        }
        let run = RunDirectory(url: try makeRunTestFolder(self))
        try FileManager.default.copyItem(at: Self.trained!.checkpointURL, to: run.checkpointURL)
        return (run, try ExperimentSpec.load(file: smoke, overrides: Self.overrides))
    }

    private func restoreCfg(_ spec: ExperimentSpec, from run: RunDirectory, accepting: Set<String>? = nil) throws -> TrainingState {
        let state = TrainingState(key: "cfg", setup: try FlowSetup(spec: try spec.variant(named: "cfg")), seed: 0)
        let restored = try CheckpointFile.restore(state, from: run.checkpointURL, acceptedFingerprints: accepting ?? [spec.fingerprint])
        XCTAssertTrue(restored)
        return state
    }

    private func assertDamaged(_ body: () throws -> Void, _ detail: String, line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("checkpoint.h5 is damaged"), text, line: line)
            XCTAssertTrue(text.contains(detail), text, line: line)
            XCTAssertTrue(text.contains("flowlab run --resume"), "says how to restart: \(text)", line: line)
        }
    }

    func testAnIntactCheckpointRestoresAndCarriesChecksumsAndTheSpecFingerprint() throws {
        let (run, spec) = try trainedRun()
        let state = try restoreCfg(spec, from: run)
        XCTAssertEqual(state.step, 10)
        let file = try HDF5File.open(run.checkpointURL)
        defer { try? file.close() }
        XCTAssertEqual(try file.attribute("spec_sha256").stringValue, spec.fingerprint)
        let parameter = try XCTUnwrap(try file.datasetPaths(under: "/cfg/params").first)
        XCTAssertNotNil(try file.datasetInfo(parameter).chunkShape, "checksummed datasets are chunked")
    }

    func testCorruptedBytesAreDetected() throws {
        let (run, spec) = try trainedRun()
        let file = try HDF5File.open(run.checkpointURL)
        let name = try XCTUnwrap(try file.datasetPaths(under: "/cfg/params").max { try file.datasetInfo($0).elementCount < file.datasetInfo($1).elementCount })
        let values = try file.read(name, as: Float.self).values
        try file.close()
        var bytes = try Data(contentsOf: run.checkpointURL)
        let pattern = values[(values.count / 2)..<(values.count / 2 + 8)].withUnsafeBytes { Data($0) }
        let offset = try XCTUnwrap(bytes.range(of: pattern)?.lowerBound)
        for index in offset..<min(offset + 64, bytes.count) { bytes[index] = 0x7F }  // floats of about 3.4e38
        try bytes.write(to: run.checkpointURL)
        assertDamaged({ _ = try self.restoreCfg(spec, from: run) }, "Fletcher32")
    }

    func testATruncatedCheckpointSaysItIsDamagedAndHowToRestart() throws {
        let (run, spec) = try trainedRun()
        let bytes = try Data(contentsOf: run.checkpointURL)
        try bytes.prefix(bytes.count / 2).write(to: run.checkpointURL)
        assertDamaged({ _ = try self.restoreCfg(spec, from: run) }, "truncated")
    }

    func testNonFiniteValuesAreNotRestored() throws {
        let (run, spec) = try trainedRun()
        let state = try restoreCfg(spec, from: run)
        let parameter = try XCTUnwrap(state.model.namedParameters().first?.tensor)
        parameter.withUnsafeMutableBuffer(Float.self) { $0[0] = .nan }
        try CheckpointFile.write([state], to: run.checkpointURL, experiment: "smoke", specFingerprint: spec.fingerprint)
        assertDamaged({ _ = try self.restoreCfg(spec, from: run) }, "holds NaN or infinite values")
    }

    func testACheckpointOfAnotherSpecIsRefused() throws {
        let (run, spec) = try trainedRun()
        let other = try ExperimentSpec.load(file: smoke, overrides: ["eval.samples=100", "train.steps=10", "model.depth=3"])
        XCTAssertThrowsError(try restoreCfg(spec, from: run, accepting: [other.fingerprint])) { error in
            XCTAssertTrue("\(error)".contains("was written by a run of another spec"), "\(error)")
        }
        XCTAssertThrowsError(try ExperimentRunner.checkCheckpoint(of: run, matches: other))
        XCTAssertNoThrow(try ExperimentRunner.checkCheckpoint(of: run, matches: spec))
    }

    func testANonFiniteLossStopsTrainingAtOnceAndKeepsTheLastGoodCheckpoint() throws {
        let overrides = ["eval.samples=100", "train.optimizer.lr=1e6", "train.checkpoint_every=1"]
        let spec = try ExperimentSpec.load(file: smoke, overrides: overrides)
        let run = try RunDirectory.create(resultsRoot: try makeRunTestFolder(self), experiment: spec.experiment, resolvedYAML: spec.resolvedYAML)
        try run.writeResolvedSpec(spec.resolvedYAML)
        let runner = ExperimentRunner(spec: spec, run: run, log: try run.openLog(), progress: ProgressReporter(mode: .quiet), stop: nil)
        XCTAssertThrowsError(try runner.run()) { error in
            guard let diverged = error as? TrainingDivergedError else { return XCTFail("\(error)") }
            XCTAssertEqual(diverged.model, "cfg")
            XCTAssertFalse(diverged.value.isFinite)
            XCTAssertTrue("\(error)".contains("diverged at step \(diverged.step): \(diverged.term)"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: run.reportURL.path), "no report of a diverged run")
        let state = try restoreCfg(spec, from: run)  // finite, or restoring would throw
        XCTAssertGreaterThan(state.step, 0)
    }
}
