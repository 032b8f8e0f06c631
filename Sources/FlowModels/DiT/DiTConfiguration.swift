/// The sizes and options of a `DiT` (facebookresearch/DiT's constructor arguments, plus caption conditioning).
///
/// ```swift
/// // DiT-S/4 on 32 × 32 RGB images, conditioned on four classes:
/// let configuration = DiTConfiguration(imageSize: 32, patchSize: 4, channels: 3, width: 384, depth: 12, heads: 6,
///                                      conditioning: .classLabels(count: 4))
/// ```
public struct DiTConfiguration: Sendable, Equatable {
    /// Height and width of the (square) input images, in pixels (`input_size`).
    public var imageSize: Int
    /// Side of the square patches that become tokens (`patch_size`).
    public var patchSize: Int
    /// Channels of the input images (`in_channels`); the velocity has the same number.
    public var channels: Int
    /// Width of the tokens (`hidden_size`).
    public var width: Int
    /// Number of DiT blocks (`depth`).
    public var depth: Int
    /// Attention heads per block (`num_heads`).
    public var heads: Int
    /// MLP width as a multiple of `width` (`mlp_ratio`).
    public var mlpRatio: Double
    /// Sinusoidal features of the time before the timestep MLP (`frequency_embedding_size`).
    public var frequencyEmbeddingSize: Int
    /// Flow time `t ∈ [0, 1]` is multiplied by this before the sinusoidal features (DiT's timesteps run to 1000).
    public var timeScale: Double
    /// What the model is conditioned on.
    public var conditioning: DiTConditioning

    public init(imageSize: Int, patchSize: Int, channels: Int = 3, width: Int, depth: Int, heads: Int,
                mlpRatio: Double = 4, frequencyEmbeddingSize: Int = 256, timeScale: Double = 1_000,
                conditioning: DiTConditioning = .none) {
        self.imageSize = imageSize
        self.patchSize = patchSize
        self.channels = channels
        self.width = width
        self.depth = depth
        self.heads = heads
        self.mlpRatio = mlpRatio
        self.frequencyEmbeddingSize = frequencyEmbeddingSize
        self.timeScale = timeScale
        self.conditioning = conditioning
    }

    /// Patches per image side.
    public var patchesPerSide: Int { imageSize / patchSize }
    /// Tokens per image (`num_patches`).
    public var tokens: Int { patchesPerSide * patchesPerSide }

    /// Every inconsistency in the sizes, as readable sentences (empty when the configuration is usable).
    public var problems: [String] {
        var problems: [String] = []
        if imageSize <= 0 || patchSize <= 0 || imageSize % max(patchSize, 1) != 0 {
            problems.append("image size \(imageSize) is not a positive multiple of the patch size \(patchSize)")
        }
        if channels <= 0 { problems.append("channels must be positive, got \(channels)") }
        if depth < 0 { problems.append("depth must not be negative, got \(depth)") }
        if heads <= 0 || width <= 0 || width % max(heads, 1) != 0 {
            problems.append("width \(width) is not a positive multiple of the \(heads) heads")
        }
        if width % 4 != 0 { problems.append("width \(width) must be a multiple of 4 for the 2-D sin-cos positions") }
        if mlpRatio <= 0 { problems.append("mlp ratio must be positive, got \(mlpRatio)") }
        if frequencyEmbeddingSize <= 0 {
            problems.append("frequency embedding size must be positive, got \(frequencyEmbeddingSize)")
        }
        problems += conditioning.problems
        return problems
    }
}
