import FlowLab
import FlowModels
import FlowTensor

/// What the FlowTok benchmarks time: the text-to-image flow (DiT, text projector, alignment head), the frozen
/// tokenizer's decoder, the training batch and objective weights, and sampling.
///
/// Both sides build the model from this: FlowLab's `FlowTokFlowModel` and `ImageTokenizer` (``makeFlow(generator:)``,
/// ``makeTokenizer(generator:)``), PyTorch's `Scripts/reference/flowtok_model.py` through ``pythonArguments``.
struct FlowTokBenchmarkSetting {
    /// The velocity network over `[L, d]` tokens.
    var dit: FlowTokDiTConfiguration
    /// Width of the frozen text encoder's token states (MiniLM: 384).
    var featureWidth: Int
    /// Projector blocks, heads and MLP width.
    var projectorDepth: Int, projectorHeads: Int, projectorHidden: Int
    /// Hidden width of the MLP alignment target.
    var alignmentHidden: Int
    /// The frozen tokenizer (its decoder turns sampled tokens into pixels).
    var tokenizer: ImageTokenizerConfiguration
    /// Rows per training step, and images per sampling run.
    var batch: Int
    /// AdamW's learning rate (no weight decay).
    var learningRate: Double
    /// The objective's weights and CFG-indicator probability.
    var klWeight: Double, alignmentWeight: Double, cfgProbability: Double
    /// Euler steps of one sampling run and the CFG-indicator scale s.
    var samplingSteps: Int, scale: Double

    /// Text and image tokens L.
    var tokens: Int { dit.tokens }
    /// Latent channels d.
    var latentChannels: Int { dit.channels }

    /// FlowLab's objective of this setting (reference KL).
    var objective: FlowTokObjective {
        FlowTokObjective(klWeight: klWeight, alignmentWeight: alignmentWeight, kl: .reference, cfgProbability: cfgProbability)
    }

    /// A fresh flow model (MLP alignment target, contrastive loss).
    func makeFlow(generator: inout RandomGenerator) throws -> FlowTokFlowModel {
        let dit = try FlowTokDiT(configuration: dit, generator: &generator)
        let projector = try TextProjector(featureWidth: featureWidth, depth: projectorDepth, heads: projectorHeads,
                                          hiddenWidth: projectorHidden, latentChannels: latentChannels, generator: &generator)
        let alignment = try TextAlignment(featureWidth: featureWidth, latentChannels: latentChannels, target: .mlp,
                                          loss: .contrastive, hiddenWidth: alignmentHidden, generator: &generator)
        return FlowTokFlowModel(dit: dit, projector: projector, alignment: alignment)
    }

    /// A fresh image tokenizer.
    func makeTokenizer(generator: inout RandomGenerator) throws -> ImageTokenizer {
        try ImageTokenizer(configuration: tokenizer, generator: &generator)
    }

    /// The arguments that make `Scripts/bench/flowtok_bench.py` build the same model and run the same step and sampling.
    var pythonArguments: [String] {
        let d = dit, k = tokenizer
        return ["--batch", String(batch), "--tokens", String(tokens), "--latent-channels", String(latentChannels),
                "--width", String(d.width), "--depth", String(d.depth), "--heads", String(d.heads),
                "--feature-width", String(featureWidth), "--projector-depth", String(projectorDepth),
                "--projector-heads", String(projectorHeads), "--projector-hidden", String(projectorHidden),
                "--alignment-hidden", String(alignmentHidden),
                "--image-size", String(k.imageSize), "--patch", String(k.patchSize), "--tokenizer-width", String(k.width),
                "--tokenizer-depth", String(k.depth), "--tokenizer-heads", String(k.heads),
                "--learning-rate", String(learningRate), "--weight-decay", "0", "--kl-weight", String(klWeight),
                "--alignment-weight", String(alignmentWeight), "--cfg-probability", String(cfgProbability),
                "--sampling-steps", String(samplingSteps), "--scale", String(scale)]
    }

    /// One line describing the sizes.
    var summary: String {
        let d = dit, k = tokenizer
        return "\(tokens) tokens x \(latentChannels) channels, DiT width \(d.width), depth \(d.depth), \(d.heads) heads; "
            + "projector over \(featureWidth)-wide text states, \(projectorDepth) blocks, MLP \(projectorHidden); "
            + "tokenizer decoder \(k.imageSize) px, patch \(k.patchSize), width \(k.width), depth \(k.depth)"
    }
}
