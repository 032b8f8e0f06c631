import FlowMatching
import FlowModels
import FlowNN
import FlowTensor

/// Options of the `flowtok` model: FlowTok's text-to-image flow between two latent spaces of one shape `[L, d]`.
///
/// Source: the projected text tokens `z_T` (MiniLM states → projector → sample); target: the frozen tokenizer's
/// image tokens `z_I` (`model.tokenizer: {stage: NAME}`, a `flowtok_tokenizer` stage; its posterior mean times
/// `latent_scale`). With `t ~ logit-normal`, `x_t = (1 − (1 − 1e-5) t) z_T + t z_I` and the velocity target
/// `z_I − (1 − 1e-5) z_T`; the CFG indicator flags rows with `cfg_probability` and shifts their targets among
/// the flagged. The objective is `MSE + kl_weight · KL(z_T) + alignment_weight · L_align(z_T, MiniLM states)`.
/// `model.text: {stage: NAME}` (a `flowtok_text` stage) starts the projector from that stage's.
struct FlowTokOptions: Decodable, Sendable, ModuleObjectiveOptions {
    static let name = "flowtok"

    var tokenizer: FrozenStageReference
    var text: FrozenStageReference?
    var width: Int
    var depth: Int
    var heads: Int
    var mlpRatio: Double
    var latentChannels: Int
    var latentScale: Double
    var projectorDepth: Int
    var projectorHeads: Int
    var projectorHidden: Int
    var alignmentTarget: TextAlignmentTarget
    var alignmentLoss: TextAlignmentLoss
    var alignmentWeight: Double
    var alignmentMargin: Double
    var kl: LatentKL
    var klWeight: Double
    var cfgProbability: Double

    enum CodingKeys: String, CodingKey {
        case tokenizer, text, width, depth, heads, mlpRatio = "mlp_ratio", latentChannels = "latent_channels"
        case latentScale = "latent_scale", projectorDepth = "projector_depth", projectorHeads = "projector_heads"
        case projectorHidden = "projector_hidden", alignmentTarget = "alignment_target", alignmentLoss = "alignment_loss"
        case alignmentWeight = "alignment_weight", alignmentMargin = "alignment_margin", kl, klWeight = "kl_weight"
        case cfgProbability = "cfg_probability"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tokenizer = try container.decode(FrozenStageReference.self, forKey: .tokenizer)
        text = try container.decodeIfPresent(FrozenStageReference.self, forKey: .text)
        width = try container.decodeIfPresent(Int.self, forKey: .width, where: .within(2...4096)) ?? 128
        depth = try container.decodeIfPresent(Int.self, forKey: .depth, where: .within(1...64)) ?? 4
        heads = try container.decodeIfPresent(Int.self, forKey: .heads, where: .within(1...64)) ?? 4
        mlpRatio = try container.decodeIfPresent(Double.self, forKey: .mlpRatio, where: .positive) ?? 4
        latentChannels = try container.decodeIfPresent(Int.self, forKey: .latentChannels, where: .within(1...1024)) ?? 16
        latentScale = try container.decodeIfPresent(Double.self, forKey: .latentScale, where: .positive) ?? 1
        projectorDepth = try container.decodeIfPresent(Int.self, forKey: .projectorDepth, where: .within(0...64)) ?? 2
        projectorHeads = try container.decodeIfPresent(Int.self, forKey: .projectorHeads, where: .within(1...64)) ?? 4
        projectorHidden = try container.decodeIfPresent(Int.self, forKey: .projectorHidden, where: .within(1...16384)) ?? 512
        alignmentTarget = try container.decodeIfPresent(TextAlignmentTarget.self, forKey: .alignmentTarget) ?? .mlp
        alignmentLoss = try container.decodeIfPresent(TextAlignmentLoss.self, forKey: .alignmentLoss) ?? .contrastive
        alignmentWeight = try container.decodeIfPresent(Double.self, forKey: .alignmentWeight, where: .nonNegative) ?? 1
        alignmentMargin = try container.decodeIfPresent(Double.self, forKey: .alignmentMargin) ?? 1
        kl = try container.decodeIfPresent(LatentKL.self, forKey: .kl) ?? .reference
        klWeight = try container.decodeIfPresent(Double.self, forKey: .klWeight, where: .nonNegative) ?? 0.01
        cfgProbability = try container.decodeIfPresent(Double.self, forKey: .cfgProbability, where: .within(0...1)) ?? 0.1
    }

    var frozenStages: [String: FrozenStageReference] {
        var stages = ["tokenizer": tokenizer]
        if let text { stages["text"] = text }
        return stages
    }

    func problem(option: String, stage: ExperimentSpec, registry: ComponentRegistry) -> String? {
        switch option {
        case "tokenizer":
            return Self.tokenizerProblem(stage: stage, latentChannels: latentChannels, registry: registry)
        case "text":
            guard stage.model.name == FlowTokTextOptions.name,
                  let options = try? registry.make(FlowTokTextOptions.self, .model, from: stage.model) else {
                return "its model is '\(stage.model.name)'; name a '\(FlowTokTextOptions.name)' stage"
            }
            let own = [latentChannels, projectorDepth, projectorHeads, projectorHidden]
            let theirs = [options.latentChannels, options.projectorDepth, options.projectorHeads, options.projectorHidden]
            if own != theirs {
                return "its projector (latent_channels, projector_depth, projector_heads, projector_hidden) is \(theirs), this flow's \(own); set them equal so the projector can start from it"
            }
        default:
            return nil
        }
        return nil
    }

    func validate(spec: ExperimentSpec, registry: ComponentRegistry) throws {
        _ = try parameterShapes(spec: spec, registry: registry)
        try FlowTokText.requireEncoder(spec: spec)
    }

    /// A fresh flow model for `data`'s captions; sizes that do not fit are a located error at `model`.
    func makeModel(spec: ExperimentSpec, data: CaptionedImageData, generator: inout RandomGenerator) throws -> FlowTokFlowModel {
        do {
            let featureWidth = FlowTokTextOptions.textEncoder.featureWidth
            let dit = try FlowTokDiT(configuration: .init(tokens: data.captionLength, channels: latentChannels, width: width, depth: depth,
                                                          heads: heads, mlpRatio: mlpRatio), generator: &generator)
            let projector = try TextProjector(featureWidth: featureWidth, depth: projectorDepth, heads: projectorHeads,
                                              hiddenWidth: projectorHidden, latentChannels: latentChannels, generator: &generator)
            let alignment = try TextAlignment(featureWidth: featureWidth, latentChannels: latentChannels, target: alignmentTarget,
                                              loss: alignmentLoss, margin: alignmentMargin, generator: &generator)
            return FlowTokFlowModel(dit: dit, projector: projector, alignment: alignment)
        } catch let error as FlowTokError {
            throw SpecError(location: spec.model.location, keyPath: spec.model.keyPath, message: error.problems.joined(separator: "; "))
        }
    }

    /// Why stage `stage` cannot serve a FlowTok flow of `latentChannels`-channel tokens as its image tokenizer
    /// (option `tokenizer`), saying how to fix it; nil when it can.
    static func tokenizerProblem(stage: ExperimentSpec, latentChannels: Int, registry: ComponentRegistry) -> String? {
        guard stage.model.name == FlowTokTokenizerOptions.name,
              let options = try? registry.make(FlowTokTokenizerOptions.self, .model, from: stage.model) else {
            return "its model is '\(stage.model.name)'; name a '\(FlowTokTokenizerOptions.name)' stage"
        }
        if options.latentChannels != latentChannels {
            return "its tokens have \(options.latentChannels) channels, this flow's \(latentChannels); set latent_channels equal in both"
        }
        return nil
    }

    /// The frozen tokenizer of stage `tokenizer`, for `data` (its L must be the caption length).
    func loadTokenizer(spec: ExperimentSpec, data: CaptionedImageData, frozen: FrozenStages, registry: ComponentRegistry) throws -> ImageTokenizer {
        try Self.loadTokenizer(tokenizer, latentChannels: latentChannels, spec: spec, data: data, frozen: frozen, registry: registry)
    }

    /// The frozen tokenizer of the stage `tokenizer` names (option `tokenizer`), for `data`; it must make L = the
    /// caption length tokens of `latentChannels` channels.
    static func loadTokenizer(_ tokenizer: FrozenStageReference, latentChannels: Int, spec: ExperimentSpec, data: CaptionedImageData,
                              frozen: FrozenStages, registry: ComponentRegistry) throws -> ImageTokenizer {
        let stored = try frozen.parameters(of: tokenizer, option: "tokenizer")
        guard let latents = stored["encoder.latent_tokens"], let moments = stored["encoder.moments.weight"] else {
            throw ExperimentError("model.tokenizer.stage: stage '\(tokenizer.stage)' holds no FlowTok image tokenizer")
        }
        guard latents.shape[0] == data.captionLength, moments.shape[0] == 2 * latentChannels else {
            throw ExperimentError("model.tokenizer.stage: stage '\(tokenizer.stage)' makes \(latents.shape[0]) tokens of \(moments.shape[0] / 2) channels, but this flow needs \(data.captionLength) (the caption length) of \(latentChannels); train the tokenizer with latent_tokens: \(data.captionLength) and latent_channels: \(latentChannels)")
        }
        let stageOptions = try registry.make(FlowTokTokenizerOptions.self, .model, from: try frozen.spec(of: tokenizer, option: "tokenizer").model)
        var unused = RandomGenerator(seed: 0)
        let network = try stageOptions.makeModel(spec: spec, data: data, generator: &unused)
        try frozen.load(tokenizer, option: "tokenizer", into: network)
        network.eval()
        return network
    }

    func trainingModel(spec: ExperimentSpec, registry: ComponentRegistry, key: String, seed: UInt64, streams: String?,
                       frozen: FrozenStages) throws -> (state: any TrainableState, objective: TrainingObjective) {
        let data = try CaptionedImageData.load(spec, registry: registry)
        var initialization = RandomGenerator(seed: seed, stream: "init/\(streams ?? key)")
        let model = try makeModel(spec: spec, data: data, generator: &initialization)
        if let text {
            let stored = try frozen.parameters(of: text, option: "text").filter { $0.key.hasPrefix("projector.") }
            try model.loadStateDict(stored, strict: false)
        }
        let tokenizer = try loadTokenizer(spec: spec, data: data, frozen: frozen, registry: registry)
        let state = ObjectiveTrainingState(key: key, module: model, spec: spec, data: data, seed: seed, streams: streams ?? key)
        state.average?.load(fromCurrentParametersOf: model)
        let encoder = try FlowTokText.encoder(length: data.captionLength)
        let objective = FlowTokObjective(options: self)
        return (state, { _ in
            let batch = try state.loader.next()
            let features = try FlowTokText.features(encoder, captions: batch.captions)
            let imageTokens = withNoGradient { tokenizer.encode(batch.imageTensor()).mean * latentScale }
            return objective.loss(model: model, features: features, imageTokens: imageTokens, generator: &state.noiseGenerator)
        })
    }
}
