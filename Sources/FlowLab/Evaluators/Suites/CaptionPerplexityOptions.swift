/// Options of the `caption_perplexity` suite: stratified times per caption of the Monte Carlo bound.
struct CaptionPerplexityOptions: Decodable, Sendable {
    var times: Int
    enum CodingKeys: String, CodingKey { case times }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        times = try container.decodeIfPresent(Int.self, forKey: .times, where: .within(1...1024)) ?? 16
    }
}
