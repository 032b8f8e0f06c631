/// Options of the `caption_metrics` suite.
struct CaptionMetricsOptions: Decodable, Sendable {
    /// Whether to add `caption_similarity` (all-MiniLM-L6-v2, whose weights `prepare` then requires).
    var similarity: Bool
    /// Whether to add `meteor` (pycocoevalcap's Java METEOR 1.5: needs `java` and `meteor-1.5.jar`, found through
    /// `FLOWLAB_METEOR_JAR`, `flowlab weights fetch meteor` (part of `make weights`) or an installed pycocoevalcap); off by default.
    var meteor: Bool
    enum CodingKeys: String, CodingKey { case similarity, meteor }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        similarity = try container.decodeIfPresent(Bool.self, forKey: .similarity) ?? true
        meteor = try container.decodeIfPresent(Bool.self, forKey: .meteor) ?? false
    }
}
