import FlowModels

/// FlowLab's shapes contrastive encoder as a cached stage (``EvaluatorStage``).
public typealias ShapesCLIPStage = EvaluatorStage<ShapesCLIPTraining>

extension EvaluatorStage where Training == ShapesCLIPTraining {
    /// The frozen encoder (evaluation mode).
    public var encoder: ShapesCLIP { network }

    /// The default encoder for images of side `imageSize`, from `cache` or trained now with a progress bar on
    /// standard error (one line says which; nothing but errors when `quiet`).
    public static func standard(imageSize: Int, cache: StageCache = .standard, quiet: Bool = false) throws -> Self {
        try loadShowingProgress(standardTraining(imageSize: imageSize), cache: cache, quiet: quiet)
    }

    /// The default encoder's training for images of side `imageSize`: one stage shared by `flowlab eval images` and
    /// the `shapes_clipscore` suite.
    public static func standardTraining(imageSize: Int) -> ShapesCLIPTraining {
        var training = ShapesCLIPTraining()
        training.encoder.imageSize = imageSize
        return training
    }
}
