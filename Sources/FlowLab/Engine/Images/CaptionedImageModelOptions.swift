import FlowTensor

/// The options of a model the captioned-image engine can train: what it generates, what is wrong with it for the
/// data, and how to build its flow network.
protocol CaptionedImageModelOptions: Sendable {
    /// Whether the model generates captions as well as images (a joint flow) rather than reading them as a condition.
    var generatesCaptions: Bool { get }
    /// Every size that does not fit images of side `imageSize` and captions of `captionLength` tokens over
    /// `captionVocabulary` ids (`nil`: no caption modality), as sentences.
    func problems(imageSize: Int, captionVocabulary: Int?, captionLength: Int) -> [String]
    /// A freshly initialised network generating `image` (and `caption` when the model generates captions), or
    /// reading `caption` as its condition, through `textEncoder` when there is one (loaded; only models that
    /// accept `text_encoder` are given one).
    func makeNetwork(imageSize: Int, captionVocabulary: Int?, captionLength: Int, image: String, caption: String?,
                     textEncoder: FrozenTextEncoder?, generator: inout RandomGenerator) throws -> any FlowNetwork
}
