import FlowModels
import FlowTensor

/// Options of the `flowtok_tokenizer` model: FlowTok's 1D image tokenizer trained as a KL autoencoder on the
/// data's images (objective `MSE(decode(z), x) + kl_weight · KL`, z sampled from the posterior); a stage that
/// `flowtok` models load frozen (`model.tokenizer: {stage: NAME}`).
///
/// `latent_tokens` defaults to the data's `caption_length`, so that image tokens and text tokens have one shape.
struct FlowTokTokenizerOptions: Decodable, Sendable, ModuleObjectiveOptions {
    static let name = "flowtok_tokenizer"

    var patchSize: Int
    var width: Int
    var depth: Int
    var heads: Int
    /// L; nil: the data's caption length.
    var latentTokens: Int?
    /// d.
    var latentChannels: Int
    var kl: LatentKL
    var klWeight: Double

    enum CodingKeys: String, CodingKey {
        case patchSize = "patch_size", width, depth, heads, latentTokens = "latent_tokens", latentChannels = "latent_channels"
        case kl, klWeight = "kl_weight"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        patchSize = try container.decodeIfPresent(Int.self, forKey: .patchSize, where: .within(1...64)) ?? 4
        width = try container.decodeIfPresent(Int.self, forKey: .width, where: .within(4...4096)) ?? 64
        depth = try container.decodeIfPresent(Int.self, forKey: .depth, where: .within(1...64)) ?? 2
        heads = try container.decodeIfPresent(Int.self, forKey: .heads, where: .within(1...64)) ?? 4
        latentTokens = try container.decodeIfPresent(Int.self, forKey: .latentTokens, where: .within(1...1024))
        latentChannels = try container.decodeIfPresent(Int.self, forKey: .latentChannels, where: .within(1...1024)) ?? 16
        kl = try container.decodeIfPresent(LatentKL.self, forKey: .kl) ?? .reference
        klWeight = try container.decodeIfPresent(Double.self, forKey: .klWeight, where: .nonNegative) ?? 1e-4
    }

    /// The tokenizer's sizes for `data`.
    func configuration(data: CaptionedImageData) -> ImageTokenizerConfiguration {
        ImageTokenizerConfiguration(imageSize: data.imageSize, patchSize: patchSize, width: width, depth: depth, heads: heads,
                                    latentTokens: latentTokens ?? data.captionLength, latentChannels: latentChannels)
    }

    var frozenStages: [String: FrozenStageReference] { [:] }

    func problem(option: String, stage: ExperimentSpec, registry: ComponentRegistry) -> String? { nil }

    func validate(spec: ExperimentSpec, registry: ComponentRegistry) throws {
        _ = try parameterShapes(spec: spec, registry: registry)
    }

    /// A fresh tokenizer for `data`; sizes that do not fit are a located error at `model`.
    func makeModel(spec: ExperimentSpec, data: CaptionedImageData, generator: inout RandomGenerator) throws -> ImageTokenizer {
        do {
            return try ImageTokenizer(configuration: configuration(data: data), generator: &generator)
        } catch let error as FlowTokError {
            throw SpecError(location: spec.model.location, keyPath: spec.model.keyPath,
                            message: "for \(data.imageSize) px images: " + error.problems.joined(separator: "; "))
        }
    }

    func trainingModel(spec: ExperimentSpec, registry: ComponentRegistry, key: String, seed: UInt64, streams: String?,
                       frozen: FrozenStages) throws -> (state: any TrainableState, objective: TrainingObjective) {
        let data = try CaptionedImageData.load(spec, registry: registry)
        var initialization = RandomGenerator(seed: seed, stream: "init/\(streams ?? key)")
        let tokenizer = try makeModel(spec: spec, data: data, generator: &initialization)
        let state = ObjectiveTrainingState(key: key, module: tokenizer, spec: spec, data: data, seed: seed, streams: streams ?? key)
        let kl = self.kl, klWeight = self.klWeight
        return (state, { _ in
            let images = try state.loader.next().imageTensor()
            let posterior = tokenizer.encode(images)
            let reconstruction = Tensor.meanSquaredError(tokenizer.decode(posterior.sample(generator: &state.noiseGenerator)), images)
            let divergence = kl(posterior)
            return (reconstruction + divergence * klWeight, [("loss_reconstruction", reconstruction.item), ("loss_kl", divergence.item)])
        })
    }
}
