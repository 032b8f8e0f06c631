/// Options of the `logit_normal` and `skewed` time samplers.
struct NormalTimeOptions: Decodable, Sendable {
    var mean: Double
    var standardDeviation: Double
    enum CodingKeys: String, CodingKey { case mean, standardDeviation = "std" }
    static func decode(_ decoder: any Decoder, defaultMean: Double, defaultDeviation: Double) throws -> NormalTimeOptions {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        return NormalTimeOptions(
            mean: try container.decodeIfPresent(Double.self, forKey: .mean, where: .finite) ?? defaultMean,
            standardDeviation: try container.decodeIfPresent(Double.self, forKey: .standardDeviation, where: .positive) ?? defaultDeviation)
    }
    init(mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
    init(from decoder: any Decoder) throws {
        self = try NormalTimeOptions.decode(decoder, defaultMean: 0, defaultDeviation: 1)
    }
}
