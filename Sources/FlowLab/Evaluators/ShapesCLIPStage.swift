import FlowModels

/// FlowLab's shapes contrastive encoder as a cached stage (``EvaluatorStage``).
public typealias ShapesCLIPStage = EvaluatorStage<ShapesCLIPTraining>

extension EvaluatorStage where Training == ShapesCLIPTraining {
    /// The frozen encoder (evaluation mode).
    public var encoder: ShapesCLIP { network }

    /// The default encoder for images of side `imageSize`, from `cache` or trained now with a progress bar on
    /// standard error (one line says which; nothing but errors when `quiet`).
    public static func standard(imageSize: Int, cache: StageCache = .standard, quiet: Bool = false) throws -> Self {
        var training = ShapesCLIPTraining()
        training.encoder.imageSize = imageSize
        return try loadShowingProgress(training, cache: cache, quiet: quiet)
    }
}
