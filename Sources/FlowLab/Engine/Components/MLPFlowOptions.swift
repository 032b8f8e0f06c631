/// Options of the `mlp_flow` model (sizes; the vocabulary and dimensions come from the data).
struct MLPFlowOptions: Decodable, Sendable, Equatable {
    var hiddenWidth: Int
    var depth: Int
    var timeFeatures: Int
    var tokenFeatures: Int
    var pointFrequencies: Int

    enum CodingKeys: String, CodingKey {
        case hiddenWidth = "hidden_width", depth, timeFeatures = "time_features", tokenFeatures = "token_features"
        case pointFrequencies = "point_frequencies"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hiddenWidth = try container.decodeIfPresent(Int.self, forKey: .hiddenWidth, where: .within(1...SizeLimits.width)) ?? 256
        depth = try container.decodeIfPresent(Int.self, forKey: .depth, where: .within(1...SizeLimits.depth)) ?? 3
        timeFeatures = try container.decodeIfPresent(Int.self, forKey: .timeFeatures, where: .within(1...SizeLimits.width)) ?? 64
        tokenFeatures = try container.decodeIfPresent(Int.self, forKey: .tokenFeatures, where: .within(1...SizeLimits.width)) ?? 64
        pointFrequencies = try container.decodeIfPresent(Int.self, forKey: .pointFrequencies, where: .within(0...16)) ?? 0
    }
}
