import FlowModels

/// The scene reader as a cached stage (``EvaluatorStage``).
public typealias SceneReaderStage = EvaluatorStage<SceneReaderTraining>

extension EvaluatorStage where Training == SceneReaderTraining {
    /// The frozen reader (evaluation mode).
    public var reader: SceneReader { network }

    /// The default reader for images of side `imageSize`, from `cache` or trained now with a progress bar on
    /// standard error (one line says which; nothing but errors when `quiet`).
    public static func standard(imageSize: Int, cache: StageCache = .standard, quiet: Bool = false) throws -> Self {
        var training = SceneReaderTraining()
        training.reader.imageSize = imageSize
        let stage = try loadShowingProgress(training, cache: cache, quiet: quiet)
        if let accuracy = stage.provenance.metrics["test_exact_scene_accuracy"], accuracy < 0.99, !quiet {
            ProgressReporter.standardError("warning: this scene reader reads only \(accuracy) of test scenes exactly (below 0.99): "
                                           + "its scene metrics are bounded by that, and \(imageSize) px may be too small to tell shapes apart\n")
        }
        return stage
    }
}
