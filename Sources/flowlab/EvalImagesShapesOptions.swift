import ArgumentParser
import FlowData
import FlowLab
import FlowMetrics
import Foundation

/// The `shapes` side of `flowlab eval images`: distribution metrics in the scene reader's feature space, and exact scene metrics.
///
/// The options `flowlab eval images` takes without `--standard` (next to its `--real` and `--fake`); the work is done
/// by `ShapesImageEvaluation` in FlowLab.
struct EvalImagesShapesOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The prompt of each generated image: FILE.h5:/dataset of strings [M] or [M, K] (first taken).", valueName: "file:path"))
    var prompts: String?

    @Option(help: ArgumentHelp("The scene each generated image should show: a shapes file with /objects (M rows).", valueName: "file"))
    var scenes: String?

    @Option(help: ArgumentHelp("Held-out colour:shape compositions, scored separately (t2i_heldout_*), e.g. blue:triangle.", valueName: "colour:shape"))
    var holdout: [String] = []

    @Option(help: ArgumentHelp("The stage cache holding the scene reader (default Results/.stages, or $FLOWLAB_STAGES).", valueName: "folder"))
    var stages: String?

    @Flag(help: "No progress or log lines on standard error.")
    var quiet = false

    /// Whether any of these options was given (they do not combine with `--standard`).
    var isUsed: Bool {
        prompts != nil || scenes != nil || !holdout.isEmpty || stages != nil
    }

    func validate() throws {
        if prompts != nil && scenes != nil { throw ValidationError("give --prompts or --scenes, not both") }
    }

    /// Reads the inputs `real` and `fake` (FILE.h5:/dataset; bad ones rejected before any training), scores them and
    /// returns one JSON object.
    func evaluate(real realArgument: String, fake fakeArgument: String) throws -> String {
        let real = try ShapesEvaluationInput.images(realArgument)
        let fake = try ShapesEvaluationInput.images(fakeArgument)
        guard real.size == fake.size else {
            throw ValidationError("real images are \(real.size) px but generated ones \(fake.size) px")
        }
        let targets: [ShapeScene]? = try prompts.map(ShapesEvaluationInput.promptScenes) ?? scenes.map(ShapesEvaluationInput.scenes)
        if let targets, targets.count != fake.count {
            throw ValidationError("\(fake.count) generated images but \(targets.count) prompts/scenes (\(prompts ?? scenes ?? ""))")
        }
        let held = try holdout.map(ShapeComposition.init(parsing:))
        let cache = stages.map { StageCache(root: URL(fileURLWithPath: $0)) } ?? .standard
        let stage = try SceneReaderStage.standard(imageSize: fake.size, cache: cache, quiet: quiet)
        var results = try ShapesImageEvaluation(reader: stage.reader)
            .evaluate(real: real.pixels, fake: fake.pixels, prompts: targets, heldOut: held)
        var extra = ["feature_space": "flowlab shapes scene reader (not Inception)", "scene_reader_stage": stage.folder.path]
        if let prompts {
            let clip = try ShapesCLIPStage.standard(imageSize: fake.size, cache: cache, quiet: quiet)
            let scores = try ShapesCLIPScore(encoder: clip.encoder)
                .evaluate(images: fake.pixels, texts: try ShapesEvaluationInput.captions(prompts))
            results = FeatureMetricResults(entries: results.entries + scores)
            extra["clipscore_encoder"] = ShapesCLIPScore.encoderName
            extra["clipscore_stage"] = clip.folder.path
        }
        return results.jsonObject(extra: extra)
    }
}
