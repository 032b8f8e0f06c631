/// Which features of a frozen text encoder condition the `dit` model (`model.text_features`).
enum TextFeatures: String, CaseIterable, Decodable, Sendable {
    /// The final hidden state of every token (`[L, 384]` for MiniLM, padding masked): the cross-attention
    /// context, and their mean over the real tokens in the adaLN conditioning.
    case tokens
    /// The normalised sentence vector (sentence-transformers' mean pooling and L2 normalisation, `[384]`), in the
    /// adaLN conditioning only.
    case pooled

    /// Decodes `tokens` or `pooled`; anything else is a located error listing the choices.
    init(from decoder: any Decoder) throws {
        self = try decoder.decodeChoice(Self.self)
    }
}
