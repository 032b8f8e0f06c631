/// Options of the `caption_metrics` suite.
struct CaptionMetricsOptions: Decodable, Sendable {
    /// Whether to add `caption_similarity` (all-MiniLM-L6-v2, whose weights `prepare` then requires).
    var similarity: Bool
    enum CodingKeys: String, CodingKey { case similarity }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        similarity = try container.decodeIfPresent(Bool.self, forKey: .similarity) ?? true
    }
}
