import FlowHDF5
import FlowNN
import Foundation
import XCTest
@testable import FlowLab

/// `stages:` in specs: bad references and misfits are reported together before anything exists; a stage is trained
/// once, stored in the stage cache and reused; `--retrain` trains it again; the main model starts from it; and an
/// interrupted stage resumes to the same bits.
final class StageTests: XCTestCase {
    /// The smoke experiment pretrained for 60 steps (stage `pretrain`), then fine-tuned for 20.
    static let finetune = "Tests/Fixtures/specs/stages/finetune.yaml"
    static let referenceErrors = "Tests/Fixtures/specs/stages/reference_errors.yaml"
    static let shapeErrors = "Tests/Fixtures/specs/stages/shape_errors.yaml"

    /// A fixture's absolute path (tests that load specs in-process may run from any folder).
    static func path(_ fixture: String) -> String {
        FlowlabProcess.packageRoot.appendingPathComponent(fixture).path
    }

    // MARK: Plan and validation

    func testBadReferencesAreReportedTogetherBeforeAnyFolderExists() throws {
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.path(Self.referenceErrors))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("5 errors in the spec"), text)
            for (key, words) in [("stages.first.init.stage", "this is a cycle: first → second → first"),
                                 ("stages.itself.init.stage", "cannot start from itself"),
                                 ("stages.early.init.stage", "'late' comes after 'early'"),
                                 ("stages.typo.init.stage", "no stage 'frist'"),
                                 ("init.stage", "no stage 'pretrain'")] {
                XCTAssertTrue(text.contains("\(key): "), "\(key) missing from: \(text)")
                XCTAssertTrue(text.contains(words), "'\(words)' missing from: \(text)")
            }
            XCTAssertTrue(text.contains("did you mean 'first'?"), text)
        }

        // Through the command line: nothing is created, neither a run folder nor a stage.
        let flowlab = try FlowlabProcess(self)
        let results = flowlab.folder.appendingPathComponent("results"), cache = flowlab.folder.appendingPathComponent("stages")
        for spec in [Self.referenceErrors, Self.shapeErrors] {
            let result = try flowlab.run(["run", spec, "--results", results.path, "--threads", "2"],
                                         environment: ["FLOWLAB_STAGES": cache.path])
            XCTAssertEqual(result.status, 1, result.standardError)
            XCTAssertTrue(result.standardError.contains("errors in the spec"), result.standardError)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: results.path), "no run folder for a spec with bad stages")
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.path), "no stage for a spec with bad stages")
    }

    func testMisfitsAndInvalidStagesAreReportedTogether() throws {
        // A stage of another width does not fit the main model; a stage that is not a valid spec; a prefix that fits.
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.path(Self.shapeErrors))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("2 errors in the spec"), text)
            XCTAssertTrue(text.contains("stages.broken.data.cells_per_side: 0 is out of range"), text)
            XCTAssertTrue(text.contains("init: the parameters of stage 'wide' do not fit this model: shapes differ"), text)
            XCTAssertTrue(text.contains("posteriorNetwork.0.weight is [32, 58] here, [48, 58] in the stage"), text)
            XCTAssertFalse(text.contains("stages.fits"), "the embeddings fit whatever the width: \(text)")
        }
        // A prefix that selects nothing, keys a stage may not set, a stage named like the experiment, and an init that
        // names both a file and a stage.
        let overrides = ["+stages.wide.init={stage: broken}", "stages.fits.init.prefix=velocity",
                         "+stages.broken.sample={steps: 3}", "+stages.smoke-bad-shapes={}",
                         "+init.model=checkpoint.h5"]
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.path(Self.shapeErrors), overrides: overrides)) { error in
            let text = "\(error)"
            for expected in ["stages.wide.init.stage: stage 'broken' comes after 'wide'",
                             "stages.broken.sample: not allowed in a stage: a stage only trains",
                             "stages.smoke-bad-shapes: 'smoke-bad-shapes' is already the name of the experiment",
                             "init: give exactly one of 'model' (a checkpoint file) and 'stage' (a stage of this spec), not both"] {
                XCTAssertTrue(text.contains(expected), "'\(expected)' missing from: \(text)")
            }
        }
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.path(Self.shapeErrors),
                                                                overrides: ["stages.fits.init.prefix=velocity", "data.cells_per_side=10",
                                                                            "stages.broken.data.cells_per_side=10"])) { error in
            XCTAssertTrue("\(error)".contains("stages.fits.init: the parameters of stage 'wide' do not fit this model: the model has no parameter named 'velocity'"),
                          "\(error)")
        }
    }

    func testKeysChangeWithWhatTrainsAndNothingElse() throws {
        let cache = StageCache(root: try makeRunTestFolder(self))
        func keys(_ overrides: [String]) throws -> [String] {
            try StagePlan(spec: ExperimentSpec.load(file: Self.path(Self.finetune), overrides: overrides), cache: cache).entries.map(\.key)
        }
        let base = try keys([])
        XCTAssertEqual(base.count, 1)
        XCTAssertNotEqual(try keys(["stages.pretrain.train.steps=61"]), base)
        XCTAssertNotEqual(try keys(["train.optimizer.lr=1.0e-3"]), base, "the stage inherits the experiment's learning rate")
        XCTAssertNotEqual(try keys(["model.hidden_width=48"]), base)
        XCTAssertEqual(try keys(["train.steps=30", "eval.samples=100", "sample.steps=4", "experiment=other", "+threads=1",
                                 "description=text"]), base, "the main model's length, sampling, evaluation and names do not train the stage")

        let seeded = try StagePlan(spec: ExperimentSpec.load(file: Self.path(Self.finetune), overrides: ["seeds=[1,0]"]), cache: cache)
        XCTAssertEqual(seeded.entries.map(\.model), ["pretrain_seed1", "pretrain_seed0"])
        XCTAssertEqual(seeded.entries[1].key, base[0], "a stage's seed 0 is the same stage whatever the other seeds")
        XCTAssertNotEqual(seeded.entries[0].key, base[0])
        XCTAssertEqual(seeded.lines[0], "stage pretrain (seed 1): train 60 steps (not in the cache), key \(seeded.entries[0].key.prefix(12))")

        // A later stage's key follows the key of the stage it starts from.
        let chained = ["+stages.tune={init: {stage: pretrain}, train: {steps: 10}}"]
        let chainedKeys = try keys(chained)
        let twins = try StagePlan(spec: ExperimentSpec.load(file: Self.path(Self.finetune), overrides: ["+stages.twin={train: {steps: 60}}"]),
                                  cache: cache)
        XCTAssertEqual(twins.entries[1].key, twins.entries[0].key, "the name of a stage is not part of its key")
        XCTAssertEqual(twins.entries[1].action, .reuse, "a stage the plan trains already is trained once")
        XCTAssertNotEqual(try keys(chained + ["stages.pretrain.train.steps=61"])[1], chainedKeys[1])
        XCTAssertThrowsError(try StagePlan(spec: ExperimentSpec.load(file: Self.path(Self.finetune)), cache: cache, retrain: ["pretrian"])) {
            XCTAssertTrue("\($0)".contains("--retrain pretrian: no such stage; stages: pretrain; did you mean 'pretrain'?"), "\($0)")
        }
    }

    func testTeacherWeightsFileIsKeyedByItsContents() throws {
        let folder = try makeRunTestFolder(self)
        let cache = StageCache(root: folder.appendingPathComponent("stages"))
        let weights = folder.appendingPathComponent("teacher.safetensors")
        func key() throws -> String {
            let overrides = ["+stages.pretrain.model.teacher={weights: \(weights.path), heads: 2}"]
            return try StagePlan(spec: ExperimentSpec.load(file: Self.path(Self.finetune), overrides: overrides), cache: cache).entries[0].key
        }
        try Data([1, 2, 3]).write(to: weights)
        let first = try key()
        XCTAssertEqual(try key(), first)
        try Data([1, 2, 4]).write(to: weights)
        XCTAssertNotEqual(try key(), first, "a stage trained with other teacher weights under the same file name is another stage")
        try FileManager.default.removeItem(at: weights)
        XCTAssertThrowsError(try key()) {
            XCTAssertTrue("\($0)".contains("model.teacher.weights: no teacher weights file at \(weights.path)"), "\($0)")
        }
    }

    // MARK: Cache

    func testStageIsTrainedOnceStoredReusedAndRetrained() throws {
        let flowlab = try FlowlabProcess(self)
        let cache = flowlab.folder.appendingPathComponent("stages")
        func run(_ name: String, _ extra: [String] = []) throws -> (result: FlowlabProcess.Result, run: URL, seconds: Double) {
            let folder = flowlab.folder.appendingPathComponent(name)
            let start = Date()
            let result = try flowlab.run(["run", Self.finetune, "--run-dir", folder.path, "--threads", "2", "--quiet"] + extra
                                         + ["--", "stages.pretrain.train.steps=600"], environment: ["FLOWLAB_STAGES": cache.path])
            XCTAssertEqual(result.status, 0, result.standardError)
            return (result, folder, Date().timeIntervalSince(start))
        }
        let first = try run("first")
        let stored = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { !$0.hasPrefix(".") }
        XCTAssertEqual(stored.count, 1, "one stage stored")
        let key = try XCTUnwrap(stored.first)
        let stageFolder = cache.appendingPathComponent(key)
        XCTAssertEqual(try runTestListing(stageFolder), ["checkpoint.h5", "configuration.json", "metrics.h5", "provenance.json"])
        let provenance = try StageCache(root: cache).provenance(key)
        XCTAssertEqual(provenance.steps, 600)
        XCTAssertEqual(provenance.kind, "training_stage")
        XCTAssertEqual(try RunDirectory.open(first.run).readProvenance().stages, ["pretrain": key])
        XCTAssertFalse(FileManager.default.fileExists(atPath: first.run.appendingPathComponent("stages").path),
                       "the run folder keeps no copy of a stored stage")
        let firstLog = try String(contentsOf: first.run.appendingPathComponent("log.txt"), encoding: .utf8)
        XCTAssertTrue(firstLog.contains("stage pretrain: train 600 steps (not in the cache), key \(key.prefix(12))"), firstLog)
        XCTAssertTrue(firstLog.contains("training pretrain: 600 steps"), firstLog)
        XCTAssertTrue(firstLog.contains("initialised smoke-finetune from stage 'pretrain'"), firstLog)

        // The same spec again: the plan says reuse, nothing trains but the main model, and the outcome is the same.
        let second = try run("second")
        let secondLog = try String(contentsOf: second.run.appendingPathComponent("log.txt"), encoding: .utf8)
        XCTAssertTrue(secondLog.contains("stage pretrain: reuse \(key.prefix(12)) (600 steps)"), secondLog)
        XCTAssertFalse(secondLog.contains("training pretrain"), secondLog)
        XCTAssertLessThan(second.seconds, first.seconds, "reusing the stage skips its training")
        print("stage trained: \(first.seconds) s; reused: \(second.seconds) s")
        try assertSameDatasets(first.run.appendingPathComponent("checkpoint.h5"), second.run.appendingPathComponent("checkpoint.h5"), under: "/")
        try assertSameDatasets(first.run.appendingPathComponent("metrics.h5"), second.run.appendingPathComponent("metrics.h5"),
                               under: "/train/pretrain", skipping: "_per_second")

        // The plan is printed before training (not with --quiet), and --print-config shows it as comments.
        let printed = try flowlab.run(["run", Self.finetune, "--print-config", "--", "stages.pretrain.train.steps=600"],
                                      environment: ["FLOWLAB_STAGES": cache.path])
        XCTAssertTrue(printed.standardOutput.hasSuffix("# stage pretrain: reuse \(key.prefix(12)) (600 steps)\n"), printed.standardOutput)

        // --retrain trains it again and replaces the cached stage under the same key, with the same bits.
        let firstCheckpoint = flowlab.folder.appendingPathComponent("first-stage.h5")
        try FileManager.default.copyItem(at: stageFolder.appendingPathComponent("checkpoint.h5"), to: firstCheckpoint)
        let retrained = try flowlab.run(["run", Self.finetune, "--run-dir", flowlab.folder.appendingPathComponent("third").path,
                                         "--threads", "2", "--retrain", "pretrain", "--", "stages.pretrain.train.steps=600"],
                                        environment: ["FLOWLAB_STAGES": cache.path])
        XCTAssertEqual(retrained.status, 0, retrained.standardError)
        XCTAssertTrue(retrained.standardError.contains("stage pretrain: train 600 steps (--retrain), key \(key.prefix(12))"), retrained.standardError)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache.path), [key], "replaced in place, nothing left aside")
        XCTAssertGreaterThan(try StageCache(root: cache).provenance(key).created, provenance.created.addingTimeInterval(-1))
        try assertSameDatasets(stageFolder.appendingPathComponent("checkpoint.h5"), firstCheckpoint, under: "/")
    }

    func testFineTunedModelStartsFromTheStage() throws {
        let root = try makeRunTestFolder(self)
        let cache = StageCache(root: root.appendingPathComponent("stages"))
        /// Runs the fixture in-process with a learning rate so small that the main model stays where it started.
        func finalParameters(_ overrides: [String]) throws -> [String: [Float]] {
            let spec = try ExperimentRunner.loadValidated(file: Self.path(Self.finetune), overrides: ["train.optimizer.lr=1.0e-9"] + overrides)
            let run = try RunDirectory.create(resultsRoot: root, experiment: spec.experiment, resolvedYAML: spec.resolvedYAML)
            try run.writeResolvedSpec(spec.resolvedYAML)
            XCTAssertTrue(try ExperimentRunner(spec: spec, run: run, log: try run.openLog(), progress: ProgressReporter(mode: .quiet),
                                               stop: nil, stageCache: cache).run())
            return try StateDictionary.load(from: run.checkpointURL, group: "smoke-finetune/params").mapValues(\.floats)
        }
        let stageLearningRate = ["+stages.pretrain.train.optimizer={lr: 2.0e-3}"]
        let tuned = try finalParameters(stageLearningRate)
        let scratch = try finalParameters(stageLearningRate + ["~init"])
        let folder = try XCTUnwrap(try StagePlan(spec: ExperimentSpec.load(file: Self.path(Self.finetune), overrides: ["train.optimizer.lr=1.0e-9"] + stageLearningRate),
                                                 cache: cache).entries.first.flatMap { cache.lookup($0.key) })
        let stage = try StateDictionary.load(from: folder.appendingPathComponent("checkpoint.h5"), group: "pretrain/params").mapValues(\.floats)
        func largestDifference(_ a: [String: [Float]], _ b: [String: [Float]]) -> Float {
            a.keys.map { name in zip(a[name]!, b[name]!).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
        }
        XCTAssertEqual(Set(tuned.keys), Set(stage.keys))
        XCTAssertLessThan(largestDifference(tuned, stage), 1e-5, "the fine-tuned model starts from the stage's parameters")
        XCTAssertGreaterThan(largestDifference(scratch, stage), 1e-2, "a model from scratch does not")

        // With a prefix, only the parameters under it come from the stage; the others keep their fresh initialisation.
        let spec = try ExperimentSpec.load(file: Self.path(Self.finetune), overrides: ["+init.prefix=velocityNetwork"])
        let setup = try FlowSetup(spec: spec)
        let state = TrainingState(key: "smoke-finetune", setup: setup, seed: 0)
        let fresh = state.model.stateDict().mapValues(\.floats)
        try CheckpointInitialization.apply(spec.initialization!, to: state, modelKey: "smoke-finetune",
                                           stageCheckpoints: ["pretrain": folder.appendingPathComponent("checkpoint.h5")])
        for (name, tensor) in state.model.stateDict() {
            XCTAssertEqual(tensor.floats, name.hasPrefix("velocityNetwork.") ? stage[name] : fresh[name], name)
        }
    }

    /// The image engine: `Experiments/shapes-t2i-finetune.yaml`, shortened. The fine-tuned DiT's first logged loss must be
    /// far below that of the same model trained from scratch, and the second run must reuse the stage.
    func testImageStageWarmStartsTheFineTunedDiT() throws {
        let flowlab = try FlowlabProcess(self)
        let cache = flowlab.folder.appendingPathComponent("stages")
        let overrides = ["stages.pretrain.train.steps=300", "train.steps=20", "train.log_every=10", "eval.samples=32", "sample.steps=4"]
        func run(_ name: String, _ extra: [String]) throws -> (result: FlowlabProcess.Result, firstLoss: Double) {
            let folder = flowlab.folder.appendingPathComponent(name)
            let result = try flowlab.run(["run", "Experiments/shapes-t2i-finetune.yaml", "--run-dir", folder.path, "--threads", "2",
                                          "--"] + overrides + extra, environment: ["FLOWLAB_STAGES": cache.path])
            XCTAssertEqual(result.status, 0, result.standardError)
            let metrics = try HDF5File.open(folder.appendingPathComponent("metrics.h5"))
            defer { try? metrics.close() }
            XCTAssertEqual(try metrics.readSeries("/train/pretrain/step", as: Int64.self).last, 300, "the stage's curves are in every run")
            XCTAssertEqual(try metrics.readSeries("/train/shapes-t2i-finetune/step", as: Int64.self).first, 10)
            return (result, try metrics.readSeries("/train/shapes-t2i-finetune/loss", as: Double.self)[0])
        }
        let tuned = try run("tuned", [])
        XCTAssertTrue(tuned.result.standardError.contains("stage pretrain: train 300 steps (not in the cache)"), tuned.result.standardError)
        let scratch = try run("scratch", ["~init"])
        XCTAssertTrue(scratch.result.standardError.contains("stage pretrain: reuse "), scratch.result.standardError)
        print("shapes-t2i-finetune: loss at step 10 from the stage \(tuned.firstLoss), from scratch \(scratch.firstLoss)")
        XCTAssertLessThan(tuned.firstLoss, 0.7 * scratch.firstLoss, "the fine-tuned DiT starts from the pretrained one")
    }

    // MARK: Resume

    func testInterruptedStageResumesToTheSameBits() throws {
        let flowlab = try FlowlabProcess(self)
        let overrides = ["stages.pretrain.train.steps=1500", "train.checkpoint_every=100", "eval.samples=200"]
        func arguments(_ folder: URL) -> [String] {
            ["run", Self.finetune, "--run-dir", folder.path, "--quiet", "--threads", "2", "--"] + overrides
        }
        let straight = flowlab.folder.appendingPathComponent("straight"), straightCache = flowlab.folder.appendingPathComponent("straight-stages")
        let uninterrupted = try flowlab.run(arguments(straight), environment: ["FLOWLAB_STAGES": straightCache.path])
        XCTAssertEqual(uninterrupted.status, 0, uninterrupted.standardError)

        let killed = flowlab.folder.appendingPathComponent("killed"), killedCache = flowlab.folder.appendingPathComponent("killed-stages")
        let process = try flowlab.launch(arguments(killed), environment: ["FLOWLAB_STAGES": killedCache.path])
        let stageCheckpoint = RunDirectory(url: killed).stageCheckpointURL("pretrain")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: stageCheckpoint.path) && process.isRunning && Date() < deadline { usleep(2_000) }
        XCTAssertTrue(process.isRunning, "the stage finished before it could be interrupted; raise its train.steps")
        process.interrupt()
        XCTAssertEqual(try flowlab.result(of: process).status, 130, "SIGINT checkpoints the stage and exits with 130")
        XCTAssertFalse(FileManager.default.fileExists(atPath: killedCache.path), "an unfinished stage is not stored")
        XCTAssertTrue(FileManager.default.fileExists(atPath: stageCheckpoint.path))

        let resumed = try flowlab.run(["run", "--resume", killed.path, "--threads", "2"], environment: ["FLOWLAB_STAGES": killedCache.path])
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
        XCTAssertTrue(resumed.standardError.contains("stage pretrain: continue at step "), resumed.standardError)
        XCTAssertEqual(try RunDirectory.open(killed).readProvenance().status, .completed)

        let key = try XCTUnwrap(try RunDirectory.open(straight).readProvenance().stages?["pretrain"])
        XCTAssertEqual(try RunDirectory.open(killed).readProvenance().stages?["pretrain"], key)
        try assertSameDatasets(straightCache.appendingPathComponent("\(key)/checkpoint.h5"),
                               killedCache.appendingPathComponent("\(key)/checkpoint.h5"), under: "/")
        for name in ["checkpoint.h5", "samples.h5"] {
            try assertSameDatasets(straight.appendingPathComponent(name), killed.appendingPathComponent(name), under: "/")
        }
        try assertSameDatasets(straight.appendingPathComponent("metrics.h5"), killed.appendingPathComponent("metrics.h5"), under: "/",
                               skipping: "_per_second")
    }
}
