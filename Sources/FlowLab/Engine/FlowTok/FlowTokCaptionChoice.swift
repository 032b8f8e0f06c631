/// Which of an image's reference captions a FlowTok image-to-text flow is trained to reach.
enum FlowTokCaptionChoice: String, Sendable, Codable, CaseIterable {
    /// The first reference (on `shapes`, the canonical phrasing): one target per image, so the flow from the
    /// image's tokens has a single end point (the default).
    case first
    /// The image's training caption, one of its references drawn per epoch (as the text-to-image flow reads them):
    /// several targets per image, whose average the deterministic flow tends to, decoding to a mix of phrasings.
    case random
}
