/// Options of the `uniform` time sampler.
struct UniformTimeOptions: Decodable, Sendable {
    var upper: Double
    enum CodingKeys: String, CodingKey { case upper }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        upper = try container.decodeIfPresent(Double.self, forKey: .upper, where: .within(0...1)) ?? 1
    }
}
