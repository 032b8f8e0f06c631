/// Options of the `cross` and `frozen_prompt` guidance: an optional CFG scale on the continuous velocity.
struct JointGuidanceOptions: Decodable, Sendable {
    var cfgScale: Double?
    enum CodingKeys: String, CodingKey { case cfgScale = "cfg_scale" }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cfgScale = try container.decodeIfPresent(Double.self, forKey: .cfgScale, where: .nonNegative)
    }
}
