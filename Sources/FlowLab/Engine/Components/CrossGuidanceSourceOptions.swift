/// Options of the `cross_guidance` source: the probability that a row starts from its own data, and the base source
/// of the other rows (`uniform` or `mask` for tokens, `gaussian` for an image).
struct CrossGuidanceSourceOptions: Decodable, Sendable {
    var probability: Double
    var base: String
    enum CodingKeys: String, CodingKey { case probability, base }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        probability = try container.decode(Double.self, forKey: .probability, where: .probability)
        base = try container.decodeIfPresent(String.self, forKey: .base) ?? "uniform"
        guard ["uniform", "mask", "gaussian"].contains(base) else {
            throw DecodingError.dataCorruptedError(forKey: .base, in: container,
                                                   debugDescription: "base must be 'uniform' or 'mask' (tokens) or 'gaussian' (an image), got '\(base)'")
        }
    }
}
