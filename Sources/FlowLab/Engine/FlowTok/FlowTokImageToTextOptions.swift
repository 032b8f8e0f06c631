import FlowData
import FlowModels
import FlowNN
import FlowTensor

/// Options of the `flowtok_i2t` model: FlowTok's image-to-text flow, the same DiT as `flowtok` run the other way.
///
/// Source: the frozen tokenizer's image tokens `z_I` (`model.tokenizer: {stage: NAME}`, a `flowtok_tokenizer` stage;
/// posterior mean times `latent_scale`); target: the frozen text autoencoder's projector latents `z_T` of the
/// image's caption (`model.text: {stage: NAME}`, a `flowtok_text` stage; `text_latent: mean` (default) or `sample`;
/// `caption: random` (default, its training caption of the epoch) or `canonical` (shapes: its scene in one phrasing)).
/// With `t ~ logit-normal`, `x_t = (1 − (1 − 1e-5) t) z_I + t z_T` and the velocity target `z_T − (1 − 1e-5) z_I`;
/// the objective is the MSE alone (the CFG indicator stays "conditional"). Sampling integrates the test images'
/// tokens with Euler steps and the text stage's decoder reads the final latents as word tokens (``FlowTokCaptioner``).
/// Written as a stage of a `flowtok` experiment, which trains it and samples captions from the test images.
struct FlowTokImageToTextOptions: Decodable, Sendable, ModuleObjectiveOptions {
    static let name = "flowtok_i2t"

    var tokenizer: FrozenStageReference
    var text: FrozenStageReference
    var width: Int
    var depth: Int
    var heads: Int
    var mlpRatio: Double
    var latentChannels: Int
    var latentScale: Double
    var textLatent: FlowTokTextLatent
    var caption: FlowTokCaptionChoice

    enum CodingKeys: String, CodingKey {
        case tokenizer, text, width, depth, heads, mlpRatio = "mlp_ratio", latentChannels = "latent_channels"
        case latentScale = "latent_scale", textLatent = "text_latent", caption
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tokenizer = try container.decode(FrozenStageReference.self, forKey: .tokenizer)
        text = try container.decode(FrozenStageReference.self, forKey: .text)
        width = try container.decodeIfPresent(Int.self, forKey: .width, where: .within(2...4096)) ?? 128
        depth = try container.decodeIfPresent(Int.self, forKey: .depth, where: .within(1...64)) ?? 4
        heads = try container.decodeIfPresent(Int.self, forKey: .heads, where: .within(1...64)) ?? 4
        mlpRatio = try container.decodeIfPresent(Double.self, forKey: .mlpRatio, where: .positive) ?? 4
        latentChannels = try container.decodeIfPresent(Int.self, forKey: .latentChannels, where: .within(1...1024)) ?? 16
        latentScale = try container.decodeIfPresent(Double.self, forKey: .latentScale, where: .positive) ?? 1
        textLatent = try container.decodeIfPresent(FlowTokTextLatent.self, forKey: .textLatent) ?? .mean
        caption = try container.decodeIfPresent(FlowTokCaptionChoice.self, forKey: .caption) ?? .random
    }

    var frozenStages: [String: FrozenStageReference] { ["tokenizer": tokenizer, "text": text] }

    func problem(option: String, stage: ExperimentSpec, registry: ComponentRegistry) -> String? {
        switch option {
        case "tokenizer":
            return FlowTokOptions.tokenizerProblem(stage: stage, latentChannels: latentChannels, registry: registry)
        case "text":
            guard stage.model.name == FlowTokTextOptions.name,
                  let options = try? registry.make(FlowTokTextOptions.self, .model, from: stage.model) else {
                return "its model is '\(stage.model.name)'; name a '\(FlowTokTextOptions.name)' stage"
            }
            if options.latentChannels != latentChannels {
                return "its text latents have \(options.latentChannels) channels, this flow's \(latentChannels); set latent_channels equal in both"
            }
            return nil
        default:
            return nil
        }
    }

    func validate(spec: ExperimentSpec, registry: ComponentRegistry) throws {
        _ = try parameterShapes(spec: spec, registry: registry)
        if caption == .canonical, try CaptionedImageData.load(spec, registry: registry).shapes == nil {
            let node = spec.resolved["model"]?["caption"]
            throw SpecError(location: node?.location ?? spec.model.location, keyPath: spec.model.keyPath + ".caption",
                            message: "caption: canonical writes each image's scene in one phrasing, which needs the shapes data set; use caption: random")
        }
        try FlowTokText.requireEncoder(spec: spec)
    }

    /// A fresh velocity network for `data`'s caption length; sizes that do not fit are a located error at `model`.
    func makeModel(spec: ExperimentSpec, data: CaptionedImageData, generator: inout RandomGenerator) throws -> FlowTokDiT {
        do {
            return try FlowTokDiT(configuration: .init(tokens: data.captionLength, channels: latentChannels, width: width, depth: depth,
                                                       heads: heads, mlpRatio: mlpRatio), generator: &generator)
        } catch let error as FlowTokError {
            throw SpecError(location: spec.model.location, keyPath: spec.model.keyPath, message: error.problems.joined(separator: "; "))
        }
    }

    /// The frozen text autoencoder (projector and decoder) of the stage `text` names, for `data`.
    func loadText(spec: ExperimentSpec, data: CaptionedImageData, frozen: FrozenStages, registry: ComponentRegistry) throws -> FlowTokTextModel {
        let stageOptions = try registry.make(FlowTokTextOptions.self, .model, from: try frozen.spec(of: text, option: "text").model)
        var unused = RandomGenerator(seed: 0)
        let model = try stageOptions.makeModel(spec: spec, data: data, generator: &unused)
        try frozen.load(text, option: "text", into: model)
        model.eval()
        return model
    }

    /// The frozen image tokenizer of the stage `tokenizer` names, for `data`.
    func loadTokenizer(spec: ExperimentSpec, data: CaptionedImageData, frozen: FrozenStages, registry: ComponentRegistry) throws -> ImageTokenizer {
        try FlowTokOptions.loadTokenizer(tokenizer, latentChannels: latentChannels, spec: spec, data: data, frozen: frozen, registry: registry)
    }

    func trainingModel(spec: ExperimentSpec, registry: ComponentRegistry, key: String, seed: UInt64, streams: String?,
                       frozen: FrozenStages) throws -> (state: any TrainableState, objective: TrainingObjective) {
        let data = try CaptionedImageData.load(spec, registry: registry)
        var initialization = RandomGenerator(seed: seed, stream: "init/\(streams ?? key)")
        let dit = try makeModel(spec: spec, data: data, generator: &initialization)
        let tokenizer = try loadTokenizer(spec: spec, data: data, frozen: frozen, registry: registry)
        let textModel = try loadText(spec: spec, data: data, frozen: frozen, registry: registry)
        let state = ObjectiveTrainingState(key: key, module: dit, spec: spec, data: data, seed: seed, streams: streams ?? key)
        let encoder = try FlowTokText.encoder(length: data.captionLength)
        let latentScale = self.latentScale, textLatent = self.textLatent, caption = self.caption
        return (state, { _ in
            let batch = try state.loader.next()
            let captions = caption == .canonical ? try Self.canonicalCaptions(batch) : batch.captions
            let features = try FlowTokText.features(encoder, captions: captions)
            let (imageTokens, textTokens) = withNoGradient {
                let posterior = textModel.projector(features)
                let text = textLatent == .mean ? posterior.mean : posterior.sample(generator: &state.noiseGenerator)
                return (tokenizer.encode(batch.imageTensor()).mean * latentScale, text)
            }
            let flow = FlowTokObjective.flowMatching(dit, source: imageTokens, target: textTokens,
                                                     isNull: Array(repeating: false, count: imageTokens.shape[0]),
                                                     generator: &state.noiseGenerator)
            return (flow, [("loss_flow", flow.item)])
        })
    }

    /// Each image's scene in the first template of the shapes caption grammar.
    static func canonicalCaptions(_ batch: CaptionedImageBatch) throws -> [String] {
        try batch.objects.map { annotations in
            guard let scene = ShapeScene(annotations: annotations),
                  let template = ShapeCaptionGrammar.templates(objectCount: scene.objects.count).first else {
                throw ExperimentError("caption: canonical needs the scene of every image (shapes of 1 or 2 objects)")
            }
            return ShapeCaptionGrammar.caption(template, objects: scene.objects)
        }
    }
}
