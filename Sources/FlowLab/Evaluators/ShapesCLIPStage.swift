import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// FlowLab's shapes contrastive encoder as a cached stage: loaded from the stage cache, or trained once and stored there.
///
/// ```swift
/// let stage = try ShapesCLIPStage.load(ShapesCLIPTraining(), cache: .standard, log: { print($0) })
/// stage.encoder.imageEmbeddings(pixels: pixels, count: n)
/// stage.folder   // Results/.stages/<key>/ with checkpoint.h5, configuration.json, provenance.json
/// ```
public struct ShapesCLIPStage {
    /// The stage kind in cache keys and provenance.
    public static let kind = "shapes_clip"
    /// The checkpoint's file name in the stage folder.
    public static let checkpointName = "checkpoint.h5"

    /// The frozen encoder (evaluation mode).
    public let encoder: ShapesCLIP
    /// Its stage folder.
    public let folder: URL
    /// Its provenance (which commit trained it, its test cosines and retrieval accuracy).
    public let provenance: StageProvenance
    /// Whether this call trained it (false: reused from the cache).
    public let trained: Bool

    /// Loads the encoder of `training` from `cache`, training and storing it first when absent.
    ///
    /// `log` receives one line saying which; `progress` is told every training step (step, total, loss).
    public static func load(_ training: ShapesCLIPTraining, cache: StageCache, log: (String) -> Void = { _ in },
                            progress: (_ step: Int, _ total: Int, _ loss: Double) -> Void = { _, _, _ in }) throws -> ShapesCLIPStage {
        let key = try StageCache.key(kind: kind, configuration: training)
        if let folder = cache.lookup(key) {
            var random = RandomGenerator(seed: 0)
            let encoder = ShapesCLIP(configuration: training.encoder, generator: &random)
            let checkpoint = folder.appendingPathComponent(checkpointName)
            do {
                try encoder.loadStateDict(try StateDictionary.load(from: checkpoint))
            } catch {
                throw StageCacheError("cannot load the shapes CLIP encoder: \(error); delete the folder to retrain", path: checkpoint.path)
            }
            encoder.eval()
            let provenance = try cache.provenance(key)
            log("shapes CLIP encoder: reusing stage \(key.prefix(12)) (test retrieval accuracy "
                + "\(provenance.metrics["test_retrieval_accuracy"] ?? .nan))")
            return ShapesCLIPStage(encoder: encoder, folder: folder, provenance: provenance, trained: false)
        }
        log("shapes CLIP encoder: not in the stage cache; training it once (\(training.steps) steps of \(training.batchSize) pairs), "
            + "stage \(key.prefix(12))")
        let start = Date()
        let encoder = try training.train { step, loss in progress(step, training.steps, loss) }
        let seconds = Date().timeIntervalSince(start)
        var metrics = try training.testSummary(encoder).metrics
        metrics["logit_scale_exp"] = encoder.inverseTemperature
        let provenance = StageProvenance.now(kind: kind, key: key, trainingSeconds: seconds, metrics: metrics)
        let folder = try cache.store(key, configuration: training, provenance: provenance) { folder in
            try StateDictionary.save(encoder.stateDict(), to: folder.appendingPathComponent(checkpointName))
        }
        log("shapes CLIP encoder: trained in \(Int(seconds.rounded())) s, test matched cosine \(metrics["test_matched_cosine"]!), "
            + "mismatched \(metrics["test_mismatched_cosine"]!), retrieval accuracy \(metrics["test_retrieval_accuracy"]!), "
            + "stored in \(folder.path)")
        return ShapesCLIPStage(encoder: encoder, folder: folder, provenance: provenance, trained: true)
    }
}

extension ShapesCLIPStage {
    /// The default encoder for images of side `imageSize`, from `cache` or trained now with a progress bar on
    /// standard error (one line says which; nothing but errors when `quiet`).
    public static func standard(imageSize: Int, cache: StageCache = .standard, quiet: Bool = false) throws -> ShapesCLIPStage {
        var training = ShapesCLIPTraining()
        training.encoder.imageSize = imageSize
        let reporter = ProgressReporter(mode: ProgressReporter.automaticMode(quiet: quiet, plainEvery: 100))
        let label = "shapes CLIP encoder"
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
        return stage
    }
}
