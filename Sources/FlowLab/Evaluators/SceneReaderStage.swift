import FlowModels

/// The scene reader as a cached stage (``EvaluatorStage``).
public typealias SceneReaderStage = EvaluatorStage<SceneReaderTraining>

extension EvaluatorStage where Training == SceneReaderTraining {
    /// The frozen reader (evaluation mode).
    public var reader: SceneReader { network }

    /// The default reader for images of side `imageSize`, from `cache` or trained now with a progress bar on
    /// standard error (one line says which; nothing but errors when `quiet`).
    public static func standard(imageSize: Int, cache: StageCache = .standard, quiet: Bool = false) throws -> Self {
        let stage = try loadShowingProgress(standardTraining(imageSize: imageSize), cache: cache, quiet: quiet)
        if let warning = stage.accuracyWarning, !quiet { ProgressReporter.standardError("warning: \(warning)\n") }
        return stage
    }

    /// The default reader's training for images of side `imageSize`: one stage shared by `flowlab eval images` and
    /// the `shapes_t2i` suite.
    public static func standardTraining(imageSize: Int) -> SceneReaderTraining {
        var training = SceneReaderTraining()
        training.reader.imageSize = imageSize
        return training
    }

    /// Why this reader's scene metrics are limited, when it reads fewer than 99% of its test scenes exactly; else nil.
    public var accuracyWarning: String? {
        guard let accuracy = provenance.metrics["test_exact_scene_accuracy"], accuracy < 0.99 else { return nil }
        return "this scene reader reads only \(accuracy) of test scenes exactly (below 0.99): its scene metrics are bounded "
            + "by that, and \(reader.configuration.imageSize) px may be too small to tell shapes apart"
    }
}
