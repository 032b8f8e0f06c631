/// Options of the `polynomial` scheduler.
struct PolynomialOptions: Decodable, Sendable {
    var n: Double
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        n = try container.decode(Double.self, forKey: .n, where: .positive)
    }
    enum CodingKeys: String, CodingKey { case n }
}
