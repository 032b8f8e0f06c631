import FlowNN
import FlowTensor
import Foundation

/// A frozen evaluator network as a cached stage: loaded from the stage cache, or trained once and stored there.
///
/// ```swift
/// let stage = try SceneReaderStage.load(SceneReaderTraining(), cache: .standard, log: { print($0) })
/// stage.reader.read(pixels: pixels, count: n)
/// stage.folder   // Results/.stages/<key>/ with checkpoint.h5, configuration.json, provenance.json
/// ```
public struct EvaluatorStage<Training: EvaluatorTraining> {
    /// The stage kind in cache keys and provenance.
    public static var kind: String { Training.stageKind }
    /// The checkpoint's file name in the stage folder.
    public static var checkpointName: String { "checkpoint.h5" }

    /// The frozen network (evaluation mode).
    public let network: Training.Network
    /// Its stage folder.
    public let folder: URL
    /// Its provenance (which commit trained it, what it reaches on its test split).
    public let provenance: StageProvenance
    /// Whether this call trained it (false: reused from the cache).
    public let trained: Bool

    /// Loads the network of `training` from `cache`, training and storing it first when absent.
    ///
    /// `log` receives one line saying which; `progress` is told every training step (step, total, loss).
    public static func load(_ training: Training, cache: StageCache, log: (String) -> Void = { _ in },
                            progress: (_ step: Int, _ total: Int, _ loss: Double) -> Void = { _, _, _ in }) throws -> Self {
        let name = Training.networkName
        let key = try StageCache.key(kind: kind, configuration: training)
        if let folder = cache.lookup(key) {
            let network = training.untrainedNetwork()
            let checkpoint = folder.appendingPathComponent(checkpointName)
            do {
                try network.loadStateDict(try StateDictionary.load(from: checkpoint))
            } catch {
                throw StageCacheError("cannot load the \(name): \(error); delete the folder to retrain", path: checkpoint.path)
            }
            network.eval()
            let provenance = try cache.provenance(key)
            log("\(name): reusing stage \(key.prefix(12)) (\(describe(provenance.metrics)))")
            return Self(network: network, folder: folder, provenance: provenance, trained: false)
        }
        log("\(name): not in the stage cache; training it once (\(training.steps) steps of \(training.batchSize) "
            + "\(Training.exampleName)), stage \(key.prefix(12))")
        let start = Date()
        let network = try training.train { step, loss in progress(step, training.steps, loss) }
        let seconds = Date().timeIntervalSince(start)
        let metrics = try training.testMetrics(network)
        let provenance = StageProvenance.now(kind: kind, key: key, trainingSeconds: seconds, metrics: metrics)
        let folder = try cache.store(key, configuration: training, provenance: provenance) { folder in
            try StateDictionary.save(network.stateDict(), to: folder.appendingPathComponent(checkpointName))
        }
        log("\(name): trained in \(Int(seconds.rounded())) s, \(describe(metrics)), stored in \(folder.path)")
        return Self(network: network, folder: folder, provenance: provenance, trained: true)
    }

    /// ``load(_:cache:log:progress:)`` for the command line: a progress bar on standard error while it trains, and
    /// one line saying whether it reused or trained (nothing but errors when `quiet`).
    public static func loadShowingProgress(_ training: Training, cache: StageCache, quiet: Bool) throws -> Self {
        try load(training, cache: cache, log: { if !quiet { ProgressReporter.standardError($0 + "\n") } },
                 reporter: ProgressReporter(mode: ProgressReporter.automaticMode(quiet: quiet, plainEvery: 100)))
    }

    /// ``load(_:cache:log:progress:)`` with its training, if it must train, shown on `reporter` under the network's name.
    public static func load(_ training: Training, cache: StageCache, log: (String) -> Void, reporter: ProgressReporter) throws -> Self {
        let label = Training.networkName
        var started = false
        let stage = try load(training, cache: cache, log: log, progress: { step, total, loss in
            if !started {
                reporter.start(label: label, totalSteps: total, samplesPerStep: training.batchSize)
                started = true
            }
            reporter.update(label: label, step: step, loss: loss)
        })
        if started { reporter.finish(label: label) }
        return stage
    }

    /// `test_exact_scene_accuracy 0.996, ...`: the test metrics in name order.
    private static func describe(_ metrics: [String: Double]) -> String {
        metrics.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
