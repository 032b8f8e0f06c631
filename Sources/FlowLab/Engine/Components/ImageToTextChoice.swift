/// Options of the `image_to_text` guidance (captioning with the joint model): what the caption flow reads of the
/// test image while the caption flows from its source.
///
/// ```yaml
/// sample: {guidance: {name: image_to_text, image: noised}}
/// ```
///
/// - `clean` (default): the test image itself at every step.
/// - `noised`: the test image on its own probability path, `x_t = t·x + (1 − t)·ε` with ε drawn once per image (the
///   replacement method of conditional sampling). A joint model trained with one t for both modalities has only
///   seen the caption at time t next to the image at time t; `noised` keeps it there.
public struct ImageToTextChoice: Decodable, Sendable, Equatable {
    /// Whether the caption flow reads the test image on its probability path rather than the clean image.
    public var imageOnPath: Bool

    enum CodingKeys: String, CodingKey { case image }

    /// The default: the clean test image.
    public init(imageOnPath: Bool = false) {
        self.imageOnPath = imageOnPath
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let image = try container.decodeIfPresent(String.self, forKey: .image) ?? "clean"
        guard ["clean", "noised"].contains(image) else {
            throw DecodingError.dataCorruptedError(forKey: .image, in: container,
                                                   debugDescription: "image must be 'clean' or 'noised', got '\(image)'")
        }
        imageOnPath = image == "noised"
    }
}
