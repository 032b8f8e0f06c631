import FlowModels
import FlowTensor

/// Options of the `dit` model: a diffusion transformer image flow conditioned on caption tokens (DiT's names and defaults).
///
/// Captions are read through the DiT's own learned word-token table, or, with `text_encoder: minilm`, through a
/// frozen MiniLM: `text_features: tokens` (its per-token states, cross-attended and mean-pooled into adaLN) or
/// `pooled` (its sentence vector, in adaLN only; there are no tokens to cross-attend to, so `cross_attention`
/// then defaults to false and may not be true).
struct DiTFlowOptions: Decodable, Sendable, CaptionedImageModelOptions {
    /// Pixels per patch side; must divide the image side.
    var patchSize: Int
    /// Token width (DiT's `hidden_size`).
    var width: Int
    /// Blocks.
    var depth: Int
    /// Attention heads; must divide the width.
    var heads: Int
    /// MLP width over token width.
    var mlpRatio: Double
    /// The frozen text encoder captions are read through, or nil for the DiT's own word-token table.
    var textEncoder: TextEncoderName?
    /// Which of the text encoder's features condition the DiT (only with a text encoder).
    var textFeatures: TextFeatures
    /// Whether blocks also cross-attend to the caption tokens (PixArt); without it the caption only enters adaLN.
    var crossAttention: Bool

    enum CodingKeys: String, CodingKey {
        case patchSize = "patch_size", width, depth, heads, mlpRatio = "mlp_ratio"
        case textEncoder = "text_encoder", textFeatures = "text_features", crossAttention = "cross_attention"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        patchSize = try container.decodeIfPresent(Int.self, forKey: .patchSize, where: .within(1...64)) ?? 4
        width = try container.decodeIfPresent(Int.self, forKey: .width, where: .within(1...4096)) ?? 128
        depth = try container.decodeIfPresent(Int.self, forKey: .depth, where: .within(1...64)) ?? 4
        heads = try container.decodeIfPresent(Int.self, forKey: .heads, where: .within(1...64)) ?? 4
        mlpRatio = try container.decodeIfPresent(Double.self, forKey: .mlpRatio, where: .positive) ?? 4
        textEncoder = try container.decodeIfPresent(TextEncoderName.self, forKey: .textEncoder)
        let features = try container.decodeIfPresent(TextFeatures.self, forKey: .textFeatures)
        if features != nil && textEncoder == nil {
            throw DecodingError.dataCorruptedError(
                forKey: .textFeatures, in: container,
                debugDescription: "text_features chooses the features of a text encoder, but there is none; add text_encoder: \(TextEncoderName.minilm.rawValue) or leave text_features out")
        }
        textFeatures = features ?? .tokens
        let pooledOnly = textEncoder != nil && textFeatures == .pooled
        let crossAttention = try container.decodeIfPresent(Bool.self, forKey: .crossAttention)
        if pooledOnly && crossAttention == true {
            throw DecodingError.dataCorruptedError(
                forKey: .crossAttention, in: container,
                debugDescription: "text_features: pooled gives one sentence vector per caption, which enters adaLN only; there are no tokens to cross-attend to: set cross_attention: false, or text_features: tokens")
        }
        self.crossAttention = crossAttention ?? !pooledOnly
    }

    /// The DiT for `data`'s images and captions (`captions: false`: unconditional); with a text encoder the caption
    /// rows are its features, `captionLength` token states or one sentence vector.
    func configuration(imageSize: Int, vocabulary: Int, captionLength: Int, captions: Bool) -> DiTConfiguration {
        let conditioning: DiTConditioning
        if !captions {
            conditioning = .none
        } else if let textEncoder {
            conditioning = .textEmbeddings(width: textEncoder.featureWidth, length: textFeatures == .tokens ? captionLength : 1,
                                           crossAttention: crossAttention)
        } else {
            conditioning = .captions(vocabulary: vocabulary, length: captionLength, crossAttention: crossAttention)
        }
        return DiTConfiguration(imageSize: imageSize, patchSize: patchSize, channels: 3, width: width, depth: depth, heads: heads,
                                mlpRatio: mlpRatio, conditioning: conditioning)
    }

    var generatesCaptions: Bool { false }

    func problems(imageSize: Int, captionVocabulary: Int?, captionLength: Int) -> [String] {
        configuration(imageSize: imageSize, vocabulary: captionVocabulary ?? 1, captionLength: captionLength,
                      captions: captionVocabulary != nil).problems
    }

    func makeNetwork(imageSize: Int, captionVocabulary: Int?, captionLength: Int, image: String, caption: String?,
                     textEncoder: FrozenTextEncoder?, generator: inout RandomGenerator) throws -> any FlowNetwork {
        let configuration = configuration(imageSize: imageSize, vocabulary: captionVocabulary ?? 1, captionLength: captionLength,
                                          captions: caption != nil)
        return DiTFlowNetwork(model: try DiT(configuration: configuration, generator: &generator), image: image, caption: caption,
                              textEncoder: textEncoder)
    }
}
