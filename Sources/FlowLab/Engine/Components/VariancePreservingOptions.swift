/// Options of the `vp` scheduler.
struct VariancePreservingOptions: Decodable, Sendable {
    var betaMinimum: Double
    var betaMaximum: Double
    enum CodingKeys: String, CodingKey {
        case betaMinimum = "beta_min", betaMaximum = "beta_max"
    }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        betaMinimum = try container.decodeIfPresent(Double.self, forKey: .betaMinimum, where: .positive) ?? 0.1
        betaMaximum = try container.decodeIfPresent(Double.self, forKey: .betaMaximum, where: .positive) ?? 20
    }
}
