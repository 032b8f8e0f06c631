import FlowData
import FlowModels
import FlowNN
import FlowTensor

/// Options of the `flowtok_text` model: FlowTok's text side as an autoencoder. Captions go through the frozen
/// MiniLM (`[L, 384]` token states), the text projector (post-LN blocks → `(μ, logvar)` `[L, d]`), a sample
/// `z_T = μ + exp(logvar / 2) ε`, and the text decoder back to the data's word tokens; the objective is
/// `CE(decoder(z_T), words) + kl_weight · KL`. A stage that `flowtok` models start their projector from and decode
/// image-to-text latents with (`model.text: {stage: NAME}`).
struct FlowTokTextOptions: Decodable, Sendable, ModuleObjectiveOptions {
    static let name = "flowtok_text"

    var latentChannels: Int
    var projectorDepth: Int
    var projectorHeads: Int
    var projectorHidden: Int
    var decoderWidth: Int
    var decoderDepth: Int
    var decoderHeads: Int
    var kl: LatentKL
    var klWeight: Double

    enum CodingKeys: String, CodingKey {
        case latentChannels = "latent_channels", projectorDepth = "projector_depth", projectorHeads = "projector_heads"
        case projectorHidden = "projector_hidden", decoderWidth = "decoder_width", decoderDepth = "decoder_depth"
        case decoderHeads = "decoder_heads", kl, klWeight = "kl_weight"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        latentChannels = try container.decodeIfPresent(Int.self, forKey: .latentChannels, where: .within(1...1024)) ?? 16
        projectorDepth = try container.decodeIfPresent(Int.self, forKey: .projectorDepth, where: .within(0...64)) ?? 2
        projectorHeads = try container.decodeIfPresent(Int.self, forKey: .projectorHeads, where: .within(1...64)) ?? 4
        projectorHidden = try container.decodeIfPresent(Int.self, forKey: .projectorHidden, where: .within(1...16384)) ?? 512
        decoderWidth = try container.decodeIfPresent(Int.self, forKey: .decoderWidth, where: .within(1...4096)) ?? 64
        decoderDepth = try container.decodeIfPresent(Int.self, forKey: .decoderDepth, where: .within(1...64)) ?? 2
        decoderHeads = try container.decodeIfPresent(Int.self, forKey: .decoderHeads, where: .within(1...64)) ?? 4
        kl = try container.decodeIfPresent(LatentKL.self, forKey: .kl) ?? .reference
        klWeight = try container.decodeIfPresent(Double.self, forKey: .klWeight, where: .nonNegative) ?? 0.01
    }

    /// The frozen text encoder FlowTok reads captions through.
    static let textEncoder = TextEncoderName.minilm

    var frozenStages: [String: FrozenStageReference] { [:] }

    func problem(option: String, stage: ExperimentSpec, registry: ComponentRegistry) -> String? { nil }

    func validate(spec: ExperimentSpec, registry: ComponentRegistry) throws {
        _ = try parameterShapes(spec: spec, registry: registry)
        try FlowTokText.requireEncoder(spec: spec)
    }

    /// A fresh projector and decoder for `data`'s captions; sizes that do not fit are a located error at `model`.
    func makeModel(spec: ExperimentSpec, data: CaptionedImageData, generator: inout RandomGenerator) throws -> FlowTokTextModel {
        do {
            let projector = try TextProjector(featureWidth: Self.textEncoder.featureWidth, depth: projectorDepth, heads: projectorHeads,
                                              hiddenWidth: projectorHidden, latentChannels: latentChannels, generator: &generator)
            let decoder = try TextDecoder(tokens: data.captionLength, latentChannels: latentChannels, width: decoderWidth,
                                          depth: decoderDepth, heads: decoderHeads, vocabulary: data.tokenizer.vocabularySize,
                                          generator: &generator)
            return FlowTokTextModel(projector: projector, decoder: decoder)
        } catch let error as FlowTokError {
            throw SpecError(location: spec.model.location, keyPath: spec.model.keyPath, message: error.problems.joined(separator: "; "))
        }
    }

    func trainingModel(spec: ExperimentSpec, registry: ComponentRegistry, key: String, seed: UInt64, streams: String?,
                       frozen: FrozenStages) throws -> (state: any TrainableState, objective: TrainingObjective) {
        let data = try CaptionedImageData.load(spec, registry: registry)
        var initialization = RandomGenerator(seed: seed, stream: "init/\(streams ?? key)")
        let model = try makeModel(spec: spec, data: data, generator: &initialization)
        let state = ObjectiveTrainingState(key: key, module: model, spec: spec, data: data, seed: seed, streams: streams ?? key)
        let encoder = try FlowTokText.encoder(length: data.captionLength)
        let kl = self.kl, klWeight = self.klWeight
        return (state, { _ in
            let batch = try state.loader.next()
            let posterior = model.projector(try FlowTokText.features(encoder, captions: batch.captions))
            let logits = model.decoder(posterior.sample(generator: &state.noiseGenerator))
            let words = batch.tokens(data.tokenizer, length: data.captionLength)
            let tokens = Tensor.crossEntropy(logits: logits.reshaped([-1, data.tokenizer.vocabularySize]), targets: words)
            let divergence = kl(posterior)
            return (tokens + divergence * klWeight, [("loss_tokens", tokens.item), ("loss_kl", divergence.item)])
        })
    }
}

/// FlowTok's frozen text encoder: MiniLM token states of captions.
enum FlowTokText {
    /// A loaded frozen MiniLM for captions of `length` ids.
    static func encoder(length: Int) throws -> FrozenTextEncoder {
        let encoder = FrozenTextEncoder(name: FlowTokTextOptions.textEncoder, features: .tokens, length: length)
        try encoder.load()
        return encoder
    }

    /// The token states `[B, length, 384]` of `captions` (zero past each caption's tokens).
    static func features(_ encoder: FrozenTextEncoder, captions: [String]) throws -> Tensor {
        guard case .textEmbeddings(let features, _) = encoder.condition(ids: try encoder.ids(captions)) else {
            preconditionFailure("a token-feature text encoder gives text embeddings")
        }
        return features
    }

    /// Throws a located error when MiniLM's weights are missing.
    static func requireEncoder(spec: ExperimentSpec) throws {
        do {
            try FlowTokTextOptions.textEncoder.requireWeights()
        } catch let error as PretrainedWeightsError {
            throw SpecError(location: spec.model.location, keyPath: spec.model.keyPath,
                            message: "FlowTok reads captions through the frozen MiniLM, which needs its pretrained weights: \(error.message)")
        }
    }
}
