import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// The scene reader as a cached stage: loaded from the stage cache, or trained once and stored there.
///
/// ```swift
/// let stage = try SceneReaderStage.load(SceneReaderTraining(), cache: .standard, log: { print($0) })
/// stage.reader.read(pixels: pixels, count: n)
/// stage.folder   // Results/.stages/<key>/ with checkpoint.h5, configuration.json, provenance.json
/// ```
public struct SceneReaderStage {
    /// The stage kind in cache keys and provenance.
    public static let kind = "scene_reader"
    /// The checkpoint's file name in the stage folder.
    public static let checkpointName = "checkpoint.h5"

    /// The frozen reader (evaluation mode).
    public let reader: SceneReader
    /// Its stage folder.
    public let folder: URL
    /// Its provenance (which commit trained it, its test accuracy).
    public let provenance: StageProvenance
    /// Whether this call trained it (false: reused from the cache).
    public let trained: Bool

    /// Loads the reader of `training` from `cache`, training and storing it first when absent.
    ///
    /// `log` receives one line saying which; `progress` is told every training step (step, total, loss).
    public static func load(_ training: SceneReaderTraining, cache: StageCache, log: (String) -> Void = { _ in },
                            progress: (_ step: Int, _ total: Int, _ loss: Double) -> Void = { _, _, _ in }) throws -> SceneReaderStage {
        let key = try StageCache.key(kind: kind, configuration: training)
        if let folder = cache.lookup(key) {
            var random = RandomGenerator(seed: 0)
            let reader = SceneReader(configuration: training.reader, generator: &random)
            let checkpoint = folder.appendingPathComponent(checkpointName)
            do {
                try reader.loadStateDict(try StateDictionary.load(from: checkpoint))
            } catch {
                throw StageCacheError("cannot load the scene reader: \(error); delete the folder to retrain", path: checkpoint.path)
            }
            reader.eval()
            let provenance = try cache.provenance(key)
            log("scene reader: reusing stage \(key.prefix(12)) (exact-scene accuracy \(provenance.metrics["test_exact_scene_accuracy"] ?? .nan))")
            return SceneReaderStage(reader: reader, folder: folder, provenance: provenance, trained: false)
        }
        log("scene reader: not in the stage cache; training it once (\(training.steps) steps of \(training.batchSize) images), stage \(key.prefix(12))")
        let start = Date()
        let reader = try training.train { step, loss in progress(step, training.steps, loss) }
        let seconds = Date().timeIntervalSince(start)
        let accuracy = try training.testExactSceneAccuracy(reader)
        let provenance = StageProvenance.now(kind: kind, key: key, trainingSeconds: seconds,
                                             metrics: ["test_exact_scene_accuracy": accuracy])
        let folder = try cache.store(key, configuration: training, provenance: provenance) { folder in
            try StateDictionary.save(reader.stateDict(), to: folder.appendingPathComponent(checkpointName))
        }
        log("scene reader: trained in \(Int(seconds.rounded())) s, test exact-scene accuracy \(accuracy), stored in \(folder.path)")
        return SceneReaderStage(reader: reader, folder: folder, provenance: provenance, trained: true)
    }
}

extension SceneReaderStage {
    /// The default reader for images of side `imageSize`, from `cache` or trained now with a progress bar on
    /// standard error (one line says which; nothing but errors when `quiet`).
    public static func standard(imageSize: Int, cache: StageCache = .standard, quiet: Bool = false) throws -> SceneReaderStage {
        var training = SceneReaderTraining()
        training.reader.imageSize = imageSize
        let reporter = ProgressReporter(mode: ProgressReporter.automaticMode(quiet: quiet, plainEvery: 100))
        let label = "scene reader"
        var started = false
        let stage = try load(training, cache: cache, log: { if !quiet { ProgressReporter.standardError($0 + "\n") } },
                             progress: { step, total, loss in
                                 if !started {
                                     reporter.start(label: label, totalSteps: total, samplesPerStep: training.batchSize)
                                     started = true
                                 }
                                 reporter.update(label: label, step: step, loss: loss)
                             })
        if started { reporter.finish(label: label) }
        if let accuracy = stage.provenance.metrics["test_exact_scene_accuracy"], accuracy < 0.99, !quiet {
            ProgressReporter.standardError("warning: this scene reader reads only \(accuracy) of test scenes exactly (below 0.99): "
                                           + "its scene metrics are bounded by that, and \(imageSize) px may be too small to tell shapes apart\n")
        }
        return stage
    }
}
