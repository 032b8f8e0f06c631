/// The sizes of a `CrossFlowsModel`: its image flow (an MM-DiT) and its caption flow (a cross-attending transformer).
///
/// `vocabulary` counts every token the caption state can hold, the mask token included when the discrete source is a
/// mask (`MaskTokenSource.modelVocabularySize`); the caption flow predicts logits over exactly these. The image flow's
/// caption table has one more row, `vocabulary`, the null token that spells a dropped caption (see `CrossFlowsModel`).
///
/// ```swift
/// // 8 × 8 RGB images in 2 × 2 patches, 2-token captions over 8 words + mask:
/// let configuration = CrossFlowsConfiguration(imageSize: 8, patchSize: 2, width: 64, depth: 2, heads: 4,
///                                             captionLength: 2, vocabulary: 9, captionWidth: 64, captionDepth: 2,
///                                             captionHeads: 4)
/// ```
public struct CrossFlowsConfiguration: Sendable, Equatable {
    /// Height and width of the (square) images, in pixels.
    public var imageSize: Int
    /// Side of the image flow's square patches.
    public var patchSize: Int
    /// Channels of the images; the velocity has the same number.
    public var channels: Int
    /// Token width of the image flow, for both of its streams (`hidden_size`).
    public var width: Int
    /// Number of MM-DiT blocks (`depth`).
    public var depth: Int
    /// Attention heads of the joint attention.
    public var heads: Int
    /// Tokens per caption.
    public var captionLength: Int
    /// Token ids a caption state may hold (data words plus any mask token); the caption logits' width.
    public var vocabulary: Int
    /// Token width of the caption flow.
    public var captionWidth: Int
    /// Number of caption-flow blocks.
    public var captionDepth: Int
    /// Attention heads of the caption flow.
    public var captionHeads: Int
    /// Side of the square patches of the caption flow's own image encoder.
    public var encoderPatchSize: Int
    /// ViT blocks of the caption flow's own image encoder (0: linear in the pixels).
    public var encoderDepth = 0
    /// MLP width as a multiple of the token width, in both flows (`mlp_ratio`).
    public var mlpRatio: Double
    /// Sinusoidal features of the time before each timestep MLP (`frequency_embedding_size`).
    public var frequencyEmbeddingSize: Int
    /// Flow time `t ∈ [0, 1]` is multiplied by this before the sinusoidal features (1000, as DiT and SD3).
    public var timeScale: Double
    /// Output widths of REPA projectors on the image stream (one projector per entry, `projectors.N`; the frozen
    /// teacher's feature width); empty: no projector.
    public var projectorWidths: [Int] = []
    /// Hidden width of each REPA projector (2048 in REPA).
    public var projectorHidden: Int = 2048

    public init(imageSize: Int, patchSize: Int, channels: Int = 3, width: Int, depth: Int, heads: Int,
                captionLength: Int, vocabulary: Int, captionWidth: Int, captionDepth: Int, captionHeads: Int,
                encoderPatchSize: Int? = nil, mlpRatio: Double = 4, frequencyEmbeddingSize: Int = 256,
                timeScale: Double = 1_000) {
        self.imageSize = imageSize
        self.patchSize = patchSize
        self.channels = channels
        self.width = width
        self.depth = depth
        self.heads = heads
        self.captionLength = captionLength
        self.vocabulary = vocabulary
        self.captionWidth = captionWidth
        self.captionDepth = captionDepth
        self.captionHeads = captionHeads
        self.encoderPatchSize = encoderPatchSize ?? patchSize
        self.mlpRatio = mlpRatio
        self.frequencyEmbeddingSize = frequencyEmbeddingSize
        self.timeScale = timeScale
    }

    /// The image flow's `[1, N, width]` position table side (patches per image side).
    public var patchesPerSide: Int { imageSize / patchSize }
    /// Image tokens of the image flow.
    public var imageTokens: Int { patchesPerSide * patchesPerSide }
    /// The null caption token of the image flow (one past the caption vocabulary).
    public var nullToken: Int { vocabulary }

    /// Every inconsistency in the sizes, as readable sentences (empty when the configuration is usable).
    public var problems: [String] {
        var problems: [String] = []
        for (name, patch) in [("patch size", patchSize), ("encoder patch size", encoderPatchSize)]
        where imageSize <= 0 || patch <= 0 || imageSize % max(patch, 1) != 0 {
            problems.append("image size \(imageSize) is not a positive multiple of the \(name) \(patch)")
        }
        if channels <= 0 { problems.append("channels must be positive, got \(channels)") }
        if depth <= 0 { problems.append("depth must be positive, got \(depth)") }
        if encoderDepth < 0 { problems.append("encoder depth must not be negative, got \(encoderDepth)") }
        if captionDepth < 0 { problems.append("caption depth must not be negative, got \(captionDepth)") }
        for (name, width, heads) in [("width", width, heads), ("caption width", captionWidth, captionHeads)] {
            if heads <= 0 || width <= 0 || width % max(heads, 1) != 0 {
                problems.append("\(name) \(width) is not a positive multiple of the \(heads) heads")
            }
            if width % 4 != 0 { problems.append("\(name) \(width) must be a multiple of 4 for the 2-D sin-cos positions") }
        }
        if captionLength <= 0 { problems.append("caption length must be positive, got \(captionLength)") }
        if vocabulary <= 0 { problems.append("vocabulary must be positive, got \(vocabulary)") }
        if mlpRatio <= 0 { problems.append("mlp ratio must be positive, got \(mlpRatio)") }
        if frequencyEmbeddingSize <= 0 {
            problems.append("frequency embedding size must be positive, got \(frequencyEmbeddingSize)")
        }
        return problems
    }
}
