import FlowTensor
import Foundation

extension ExperimentRunner {
    /// The name of a stage's checkpoint in its cache folder.
    static let stageCheckpointName = "checkpoint.h5"
    /// The name of a stage's training curves in its cache folder (`/train/stage/<series>`).
    static let stageMetricsName = "metrics.h5"
    /// The group of a stage's curves in its cached `metrics.h5`.
    static let stageMetricsGroup = "stage"
    /// The random streams of every stage are named after this, not after the stage, so a stage trains the same
    /// whatever a spec calls it (its name is not part of its cache key).
    static let stageStreams = "stage"

    /// Runs the spec's stages as ``StagePlan`` decides, in order: reuses each cached one (copying its curves into
    /// `metrics.h5` under `/train/<stage>`), and trains or continues the others in the run folder
    /// (`stages/<stage>/checkpoint.h5`), storing each in the stage cache when complete.
    ///
    /// Returns each seed's stage checkpoints by stage name (in the cache), or nil when a stop signal interrupted a
    /// stage (its checkpoint was written; `--resume` continues it).
    func runStages() throws -> [Int: [String: URL]]? {
        guard !spec.stages.isEmpty else { return [:] }
        let plan = try StagePlan(spec: spec, cache: stageCache, retrain: retrainStages, run: directory)
        for line in plan.lines { log.write(line) }
        try recordStageKeys(plan)
        var checkpoints: [Int: [String: URL]] = [:]
        for entry in plan.entries {
            let folder: URL
            if entry.action == .reuse, let cached = stageCache.lookup(entry.key) {
                let curves = cached.appendingPathComponent(Self.stageMetricsName)
                if FileManager.default.fileExists(atPath: curves.path) {
                    try TrainingMetrics(url: directory.metricsURL).copy(model: Self.stageMetricsGroup, from: curves, as: entry.model)
                }
                log.write("stage \(entry.model): reused \(cached.path)")
                folder = cached
            } else {
                let frozen = FrozenStages(checkpoints: checkpoints[entry.seed] ?? [:],
                                          specs: Dictionary(plan.entries.map { ($0.stage, $0.spec) }, uniquingKeysWith: { first, _ in first }))
                guard let trained = try trainStage(entry, stages: frozen) else { return nil }
                folder = trained
            }
            checkpoints[entry.seed, default: [:]][entry.stage] = folder.appendingPathComponent(Self.stageCheckpointName)
        }
        return checkpoints
    }

    /// Trains one stage (continuing its run-folder checkpoint when the plan says so), stores it in the stage cache and
    /// removes its run-folder copy; returns its cache folder, or nil when interrupted. `stages` holds the checkpoints
    /// (and specs) of the earlier stages of the same seed, for its `init:` and the stages it loads frozen.
    private func trainStage(_ entry: StagePlan.Entry, stages: FrozenStages) throws -> URL? {
        let folder = directory.stageFolder(entry.model)
        let checkpoint = directory.stageCheckpointURL(entry.model)
        let model = try trainingModel(of: entry.spec, key: entry.model, seed: UInt64(entry.seed), streams: Self.stageStreams,
                                      stages: stages)
        if case .resume = entry.action,
           try CheckpointFile.restore(model.state, from: checkpoint, acceptedFingerprints: [entry.key]) {
            log.write("restored stage \(entry.model) at step \(model.state.step) from \(checkpoint.path)")
        } else {
            if FileManager.default.fileExists(atPath: folder.path) {
                try FileManager.default.removeItem(at: folder)  // a checkpoint of another definition of the stage
            }
            if let initialization = entry.spec.initialization {
                try CheckpointInitialization.apply(initialization, to: model.state, modelKey: entry.model, stageCheckpoints: stages.checkpoints)
                log.write("initialised stage \(entry.model) from \(initialization.summary)")
            }
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let start = Date()
        guard try train([(model.state, entry.spec.train, model.objective)], checkpointing: [model.state],
                        to: checkpoint, fingerprint: entry.key, experiment: entry.stage) else {
            return nil
        }
        let seconds = Date().timeIntervalSince(start)
        let finalLoss = try TrainingMetrics(url: directory.metricsURL).lastValue(model: entry.model, series: "loss")
        let provenance = StageProvenance.now(kind: StageConfiguration.kind, key: entry.key, trainingSeconds: seconds,
                                             steps: model.state.step, metrics: finalLoss.map { ["final_loss": $0] } ?? [:])
        let stored = try stageCache.store(entry.key, configuration: entry.configuration, provenance: provenance,
                                          replacing: entry.replacesCached) { stageFolder in
            try FileManager.default.copyItem(at: checkpoint, to: stageFolder.appendingPathComponent(Self.stageCheckpointName))
            try TrainingMetrics(url: stageFolder.appendingPathComponent(Self.stageMetricsName))
                .copy(model: entry.model, from: directory.metricsURL, as: Self.stageMetricsGroup)
        }
        try FileManager.default.removeItem(at: folder)
        let parent = folder.deletingLastPathComponent()
        if (try? FileManager.default.contentsOfDirectory(atPath: parent.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: parent)
        }
        log.write("stage \(entry.model): trained \(model.state.step) steps in \(Int(seconds.rounded())) s, stored in \(stored.path)")
        return stored
    }

    /// A fresh model of `spec` in training with its objective: the model's own when its options bring one
    /// (``ObjectiveModelOptions``, loading its frozen stages from `stages`), else the captioned-image engine's when
    /// the spec's data are captioned images, else the point-and-label toy's.
    func trainingModel(of spec: ExperimentSpec, key: String, seed: UInt64, streams: String? = nil,
                       stages: FrozenStages = .none) throws -> (state: any TrainableState, objective: TrainingObjective) {
        if let options = try registry.make(Any.self, .model, from: spec.model) as? any ObjectiveModelOptions {
            return try options.trainingModel(spec: spec, registry: registry, key: key, seed: seed, streams: streams, frozen: stages)
        }
        if ModalitySetup.handles(spec, registry: registry) {
            let setup = try ModalitySetup(spec: spec, registry: registry)
            let state = try ModalityTrainingState(key: key, setup: setup, seed: seed, streams: streams, frozen: stages)
            return (state, { _ in try setup.loss(state) })
        }
        let setup = try FlowSetup(spec: spec, registry: registry)
        let state = TrainingState(key: key, setup: setup, seed: seed, streams: streams)
        return (state, { _ in setup.loss(state) })
    }

    /// Records the key of every stage the run uses in `provenance.json` (when the run has one).
    private func recordStageKeys(_ plan: StagePlan) throws {
        guard FileManager.default.fileExists(atPath: directory.provenanceURL.path) else { return }
        var provenance = try directory.readProvenance()
        provenance.stages = Dictionary(plan.entries.map { ($0.model, $0.key) }, uniquingKeysWith: { first, _ in first })
        try directory.writeProvenance(provenance)
    }
}
