import FlowData

/// The sizes of a `ShapesCLIP`: image side, the two encoders' widths and the shared embedding width.
public struct ShapesCLIPConfiguration: Sendable, Codable, Hashable {
    /// The image side the image encoder reads (16, 32 or 64).
    public var imageSize: Int
    /// Width of the hidden layer of the image encoder's per-cell network.
    public var cellHiddenWidth: Int
    /// Width of each cell's features; the 9 cells' features side by side are projected to the embedding.
    public var cellFeatureWidth: Int
    /// Width of the text encoder's tokens.
    public var textWidth: Int
    /// Transformer blocks of the text encoder.
    public var textBlocks: Int
    /// Attention heads of each text block.
    public var textHeads: Int
    /// Tokens the text encoder reads; longer captions are truncated, shorter ones padded (masked out).
    public var textLength: Int
    /// Width of the shared, L2-normalised embedding both encoders project to.
    public var embeddingWidth: Int

    public init(imageSize: Int = 32, cellHiddenWidth: Int = 128, cellFeatureWidth: Int = 32, textWidth: Int = 64,
                textBlocks: Int = 2, textHeads: Int = 4, textLength: Int = 40, embeddingWidth: Int = 64) {
        self.imageSize = imageSize
        self.cellHiddenWidth = cellHiddenWidth
        self.cellFeatureWidth = cellFeatureWidth
        self.textWidth = textWidth
        self.textBlocks = textBlocks
        self.textHeads = textHeads
        self.textLength = textLength
        self.embeddingWidth = embeddingWidth
    }

    /// The cell windows the image encoder reads: the scene reader's, for the same image side.
    public var cells: SceneReaderConfiguration { SceneReaderConfiguration(imageSize: imageSize) }
}
