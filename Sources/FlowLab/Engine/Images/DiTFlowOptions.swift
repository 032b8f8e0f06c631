import FlowModels
import FlowTensor

/// Options of the `dit` model: a diffusion transformer image flow conditioned on caption tokens (DiT's names and defaults).
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
    /// Whether blocks also cross-attend to the caption tokens (PixArt); without it the caption only enters adaLN.
    var crossAttention: Bool

    enum CodingKeys: String, CodingKey {
        case patchSize = "patch_size", width, depth, heads, mlpRatio = "mlp_ratio", crossAttention = "cross_attention"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        patchSize = try container.decodeIfPresent(Int.self, forKey: .patchSize, where: .within(1...64)) ?? 4
        width = try container.decodeIfPresent(Int.self, forKey: .width, where: .within(1...4096)) ?? 128
        depth = try container.decodeIfPresent(Int.self, forKey: .depth, where: .within(1...64)) ?? 4
        heads = try container.decodeIfPresent(Int.self, forKey: .heads, where: .within(1...64)) ?? 4
        mlpRatio = try container.decodeIfPresent(Double.self, forKey: .mlpRatio, where: .positive) ?? 4
        crossAttention = try container.decodeIfPresent(Bool.self, forKey: .crossAttention) ?? true
    }

    /// The DiT for `data`'s images and captions (`captions: false`: unconditional).
    func configuration(imageSize: Int, vocabulary: Int, captionLength: Int, captions: Bool) -> DiTConfiguration {
        DiTConfiguration(imageSize: imageSize, patchSize: patchSize, channels: 3, width: width, depth: depth, heads: heads,
                         mlpRatio: mlpRatio,
                         conditioning: captions ? .captions(vocabulary: vocabulary, length: captionLength, crossAttention: crossAttention) : .none)
    }

    var generatesCaptions: Bool { false }

    func problems(imageSize: Int, captionVocabulary: Int?, captionLength: Int) -> [String] {
        configuration(imageSize: imageSize, vocabulary: captionVocabulary ?? 1, captionLength: captionLength,
                      captions: captionVocabulary != nil).problems
    }

    func makeNetwork(imageSize: Int, captionVocabulary: Int?, captionLength: Int, image: String, caption: String?,
                     generator: inout RandomGenerator) throws -> any FlowNetwork {
        let configuration = configuration(imageSize: imageSize, vocabulary: captionVocabulary ?? 1, captionLength: captionLength,
                                          captions: caption != nil)
        return DiTFlowNetwork(model: try DiT(configuration: configuration, generator: &generator), image: image, caption: caption)
    }
}
