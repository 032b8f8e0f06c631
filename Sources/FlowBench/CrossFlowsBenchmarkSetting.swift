import FlowModels

/// What the CrossFlows benchmarks time: the joint model, the training batch and optimizer, and joint sampling.
///
/// Both sides build the model from this: FlowLab's `CrossFlowsModel(configuration: model)`, PyTorch's
/// `Scripts/reference/crossflows_model.py` through `pythonArguments`. Caption states hold `words` word ids and the mask
/// token (id `words`), so `model.vocabulary` is `words + 1`.
struct CrossFlowsBenchmarkSetting {
    /// The joint model.
    var model: CrossFlowsConfiguration
    /// Pairs per training step, and pairs sampled per sampling run.
    var batch: Int
    /// AdamW's learning rate in the training step (no weight decay).
    var learningRate: Double
    /// Joint Euler steps of one sampling run.
    var samplingSteps: Int

    /// Word ids of the captions (the mask token is the next id).
    var words: Int { model.vocabulary - 1 }

    /// The arguments that make `Scripts/bench/crossflows_bench.py` build the same model and run the same step and
    /// sampling.
    var pythonArguments: [String] {
        let m = model
        return ["--batch", String(batch), "--image-size", String(m.imageSize), "--channels", String(m.channels),
                "--patch", String(m.patchSize), "--width", String(m.width), "--depth", String(m.depth),
                "--heads", String(m.heads), "--words", String(words), "--caption-length", String(m.captionLength),
                "--caption-width", String(m.captionWidth), "--caption-depth", String(m.captionDepth),
                "--caption-heads", String(m.captionHeads), "--encoder-patch", String(m.encoderPatchSize),
                "--learning-rate", String(learningRate), "--weight-decay", "0", "--sampling-steps", String(samplingSteps)]
    }

    /// One line describing the sizes.
    var summary: String {
        let m = model
        return "\(m.imageSize)x\(m.imageSize)x\(m.channels) images, patch \(m.patchSize) (\(m.imageTokens) tokens), "
            + "MM-DiT width \(m.width), depth \(m.depth), \(m.heads) heads; \(m.captionLength)-token captions over "
            + "\(words) words + mask, caption flow width \(m.captionWidth), depth \(m.captionDepth), encoder patch \(m.encoderPatchSize)"
    }
}
