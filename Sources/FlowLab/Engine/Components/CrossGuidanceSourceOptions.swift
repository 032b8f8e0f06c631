/// Options of the `cross_guidance` source.
struct CrossGuidanceSourceOptions: Decodable, Sendable {
    var probability: Double
    var base: String
    enum CodingKeys: String, CodingKey { case probability, base }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        probability = try container.decode(Double.self, forKey: .probability, where: .probability)
        base = try container.decodeIfPresent(String.self, forKey: .base) ?? "uniform"
        guard ["uniform", "mask"].contains(base) else {
            throw DecodingError.dataCorruptedError(forKey: .base, in: container,
                                                   debugDescription: "base must be 'uniform' or 'mask', got '\(base)'")
        }
    }
}
