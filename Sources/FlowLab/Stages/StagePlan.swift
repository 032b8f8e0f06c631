import Foundation

/// What a run does about each stage of its spec (`stages:`), decided before anything trains: for every stage and
/// seed, its cache key and whether it is reused from the stage cache, trained, or continued in the run folder.
///
/// A stage is trained once per seed of the spec, in the order written, stage by stage. `--retrain` names stages to
/// train again even when cached; the stages that start from them are trained again too.
///
/// ```swift
/// let plan = try StagePlan(spec: spec, cache: .standard, retrain: [])
/// plan.lines   // ["stage pretrain: reuse 3fa2c1e9d0b4 (2000 steps)"] or
///              // ["stage pretrain: train 2000 steps (not in the cache), key 3fa2c1e9d0b4"]
/// ```
public struct StagePlan: Sendable {
    /// What happens to one stage of one seed.
    public enum Action: Sendable, Equatable {
        /// Load it from the stage cache.
        case reuse
        /// Train it from the start (the reason says why), then store it in the cache.
        case train(reason: String)
        /// Continue the run folder's checkpoint of it from `step` (an interrupted run), then store it.
        case resume(step: Int)
    }

    /// One stage trained with one seed.
    public struct Entry: Sendable {
        /// The stage's name.
        public let stage: String
        /// The seed it is trained with.
        public let seed: Int
        /// Its name in `metrics.h5` (`/train/<model>`) and in the run folder: the stage's name, with `_seed<N>` when
        /// the spec has several seeds.
        public let model: String
        /// Its resolved spec.
        public let spec: ExperimentSpec
        /// What its key hashes.
        public let configuration: StageConfiguration
        /// Its key in the stage cache.
        public let key: String
        /// What the run does about it.
        public let action: Action
        /// Whether storing it replaces a cached stage of the same key: with `--retrain`, and for a stage continued in
        /// the run folder (an interrupted `--retrain` goes on with its own training).
        public let replacesCached: Bool
        /// The plan's line about it, e.g. `stage pretrain: reuse 3fa2c1e9d0b4 (2000 steps)`.
        public let line: String
    }

    /// Every stage of every seed, in the order they run.
    public let entries: [Entry]

    /// The plan's lines, one per entry (empty for a spec without stages).
    public var lines: [String] { entries.map(\.line) }

    /// The plan of `spec`'s stages against `cache`; with `run` (a resume), a stage checkpointed in the run folder is
    /// continued. Throws a spec error for bad references, and an error naming any unknown `retrain` stage.
    public init(spec: ExperimentSpec, cache: StageCache, retrain: Set<String> = [], run: RunDirectory? = nil) throws {
        let graph = StageGraph(spec.resolved)
        try SpecErrors.throwIfAny(graph.problems())
        let names = spec.stages.map(\.name)
        if let unknown = retrain.sorted().first(where: { !names.contains($0) }) {
            let known = names.isEmpty ? "this experiment has no stages" : "stages: \(names.joined(separator: ", "))"
            throw ExperimentError("--retrain \(unknown): no such stage; \(known)\(Suggestions.didYouMean(unknown, among: names))")
        }
        var retrained: Set<String> = []
        var keys: [Int: [String: String]] = [:]
        var entries: [Entry] = []
        var planned: [String: String] = [:]  // key → the first stage of this plan with it
        for name in names {
            if retrain.contains(name) || graph.dependencies(of: name).contains(where: retrained.contains) { retrained.insert(name) }
            let stageSpec = try spec.stage(named: name)
            for seed in spec.seeds {
                let configuration = try StageConfiguration(stage: stageSpec, seed: seed, stageKeys: keys[seed] ?? [:])
                let key = try configuration.key()
                keys[seed, default: [:]][name] = key
                let model = spec.seeds.count > 1 ? "\(name)_seed\(seed)" : name
                let steps = stageSpec.train.steps
                let action: Action
                var replaces = retrained.contains(name)
                var line = "stage \(name)" + (spec.seeds.count > 1 ? " (seed \(seed))" : "") + ": "
                let short = String(key.prefix(12))
                if let run, let progress = CheckpointFile.progress(of: model, at: run.stageCheckpointURL(model), fingerprint: key) {
                    action = .resume(step: progress.step)
                    replaces = true
                    line += "continue at step \(progress.step) of \(steps) (checkpointed in this run folder), key \(short)"
                } else if let same = planned[key] {
                    action = .reuse
                    line += "reuse \(short) (the same stage as \(same))"
                } else if retrained.contains(name) {
                    let reason = retrain.contains(name) ? "--retrain" : "--retrain of a stage it starts from"
                    action = .train(reason: reason)
                    line += "train \(steps) steps (\(reason)), key \(short)"
                } else if cache.lookup(key) != nil {
                    action = .reuse
                    let trained = (try? cache.provenance(key))?.steps ?? steps
                    line += "reuse \(short) (\(trained) steps)"
                } else {
                    action = .train(reason: "not in the cache")
                    line += "train \(steps) steps (not in the cache), key \(short)"
                }
                planned[key] = planned[key] ?? model
                entries.append(Entry(stage: name, seed: seed, model: model, spec: stageSpec, configuration: configuration,
                                     key: key, action: action, replacesCached: replaces, line: line))
            }
        }
        self.entries = entries
    }
}
