import FlowHDF5
import Foundation
import XCTest
@testable import FlowLab

/// `flowlab run --resume <run> train.steps=N` on a finished run of two seeds continues every seed's model from its
/// checkpoint: checkpoint.h5 is rewritten whole after each model, so it must keep the other seeds' models (a later
/// seed's too) or that seed would silently train again from scratch.
final class ResumeExtensionTests: XCTestCase {
    /// The toy engine (`smoke.yaml`: two variants, two models per seed).
    func testExtendingATwoSeedToyRunContinuesBothSeeds() throws {
        try assertExtensionContinuesEverySeed(spec: "Experiments/smoke.yaml", models: ["cfg", "crossflows"], overrides: [])
    }

    /// The captioned-image engine (`shapes-t2i-small`, one model per seed).
    func testExtendingATwoSeedTextToImageRunContinuesBothSeeds() throws {
        try assertExtensionContinuesEverySeed(spec: TextToImageExperimentTests.spec, models: ["shapes-t2i-small"],
                                              overrides: ["eval.samples=20", "sample.steps=2"])
    }

    /// The FlowTok runner (`flowtok-small` at tiny stages), with two variants that differ only in `sample:` and so
    /// share one trained model per seed, each sampled at both CFG-indicator scales.
    func testExtendingATwoSeedFlowTokRunContinuesBothSeedsAndItsVariantsShareOneModel() throws {
        let run = try assertExtensionContinuesEverySeed(
            spec: "Experiments/flowtok-small.yaml", models: ["fast"],
            overrides: ["stages.tokenizer.train.steps=10", "stages.text.train.steps=10", "stages.i2t.train.steps=10",
                        "eval.samples=20", "data.train_count=200", "data.test_count=40",
                        "+variants.fast.sample.steps=2", "+variants.slow.sample.steps=4"])
        let log = try String(contentsOf: run.appendingPathComponent("log.txt"), encoding: .utf8)
        XCTAssertFalse(log.contains("training slow_seed"), "a variant that changes only sample: must not train its own model")
        let samples = try HDF5File.open(run.appendingPathComponent("samples.h5"))
        defer { try? samples.close() }
        for seed in 0...1 {
            let fast = try samples.read("/fast_s2.0/seed_\(seed)/images", as: UInt8.self)
            let slow = try samples.read("/slow_s2.0/seed_\(seed)/images", as: UInt8.self)
            XCTAssertEqual(fast.shape, [20, 16, 16, 3])
            XCTAssertNotEqual(fast.values, slow.values, "2 and 4 Euler steps from the same model must give different images")
        }
    }

    /// Runs `spec` with `overrides` for seeds 0 and 1 and 10 training steps, then extends it to 15 with `--resume`;
    /// the log must show each seed's `models` restored at step 10 and extended, and checkpoint.h5 must hold them at
    /// step 15. Returns the run folder.
    @discardableResult
    private func assertExtensionContinuesEverySeed(spec: String, models: [String], overrides: [String]) throws -> URL {
        let flowlab = try FlowlabProcess(self)
        let run = flowlab.folder.appendingPathComponent("run")
        let environment = ["FLOWLAB_STAGES": flowlab.folder.appendingPathComponent("stages").path]
        let tiny = ["seeds=[0,1]", "train.steps=10", "train.checkpoint_every=5", "train.schedule.warmup_steps=1"]
        let finished = try flowlab.run(["run", "--run-dir", run.path, "--quiet", "--threads", "2", "--", spec] + tiny + overrides,
                                       environment: environment)
        XCTAssertEqual(finished.status, 0, finished.standardError)
        let extended = try flowlab.run(["run", "--resume", run.path, "train.steps=15", "--quiet", "--threads", "2"], environment: environment)
        XCTAssertEqual(extended.status, 0, extended.standardError)

        let log = try String(contentsOf: run.appendingPathComponent("log.txt"), encoding: .utf8)
        let checkpoint = try HDF5File.open(run.appendingPathComponent("checkpoint.h5"))
        defer { try? checkpoint.close() }
        for model in models {
            for seed in 0...1 {
                let key = "\(model)_seed\(seed)"
                XCTAssertTrue(log.contains("restored \(key) at step 10 from checkpoint.h5"), "seed \(seed) was not restored:\n\(log)")
                XCTAssertTrue(log.contains("extending \(key) from 10 to 15 steps"), log)
                XCTAssertEqual(try checkpoint.attribute("step", at: key).intValue, 15, key)
            }
        }
        return run
    }
}
