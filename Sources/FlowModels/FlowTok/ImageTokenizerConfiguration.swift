/// The sizes of a FlowTok 1D image tokenizer (``ImageTokenizer``): images of `imageSize` px cut into
/// `patchSize` px patches, `latentTokens` (L) tokens of `latentChannels` (d) channels, and encoder and decoder
/// ViTs of `width`, `depth` blocks and `heads` heads.
public struct ImageTokenizerConfiguration: Sendable, Equatable, Codable {
    public var imageSize: Int
    public var patchSize: Int
    public var channels: Int
    public var width: Int
    public var depth: Int
    public var heads: Int
    /// L, the length of the 1D token sequence (FlowTok: the text sequence length).
    public var latentTokens: Int
    /// d, the channels of each token (16 in FlowTok).
    public var latentChannels: Int

    public init(imageSize: Int, patchSize: Int, channels: Int = 3, width: Int, depth: Int, heads: Int,
                latentTokens: Int, latentChannels: Int) {
        self.imageSize = imageSize
        self.patchSize = patchSize
        self.channels = channels
        self.width = width
        self.depth = depth
        self.heads = heads
        self.latentTokens = latentTokens
        self.latentChannels = latentChannels
    }

    /// Patches per image side.
    public var patchesPerSide: Int { imageSize / patchSize }
    /// Patch tokens per image.
    public var patches: Int { patchesPerSide * patchesPerSide }

    /// Every inconsistency, as sentences (empty when the sizes fit).
    public var problems: [String] {
        var problems: [String] = []
        if patchSize < 1 || imageSize % patchSize != 0 { problems.append("patch_size \(patchSize) must divide the image side \(imageSize)") }
        if heads < 1 || width % heads != 0 { problems.append("heads \(heads) must divide the width \(width)") }
        else if (width / heads) % 4 != 0 { problems.append("the head width \(width / heads) must be a multiple of 4 (2D RoPE)") }
        if latentTokens < 1 { problems.append("latent_tokens must be at least 1") }
        if latentChannels < 1 { problems.append("latent_channels must be at least 1") }
        return problems
    }
}
