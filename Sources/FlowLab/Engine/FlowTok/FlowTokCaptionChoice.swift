/// Which caption of an image a FlowTok image-to-text flow is trained to reach.
enum FlowTokCaptionChoice: String, Sendable, Codable, CaseIterable {
    /// The image's training caption, one of its references drawn per epoch (as the text-to-image flow reads them;
    /// the default). With several phrasings per image the deterministic flow from the image's tokens tends to their
    /// average, which decodes to a mix of phrasings (measured on `shapes`: no caption parses).
    case random
    /// `shapes` only: the image's scene in the grammar's first template ("a {size} {colour} {shape} {place}"), one
    /// phrasing for every image, so the target is a function of the picture.
    case canonical
}
