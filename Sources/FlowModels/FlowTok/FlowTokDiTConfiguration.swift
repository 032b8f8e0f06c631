/// The sizes of a ``FlowTokDiT``: `tokens` (L) tokens of `channels` (d) channels, and DiT blocks of `width`,
/// `depth` and `heads`. The paper's S/B/XL/H are 12/384/6, 12/768/12, 28/1152/16, 36/1280/20 (depth/width/heads).
public struct FlowTokDiTConfiguration: Sendable, Equatable, Codable {
    public var tokens: Int
    public var channels: Int
    public var width: Int
    public var depth: Int
    public var heads: Int
    public var mlpRatio: Double

    public init(tokens: Int, channels: Int, width: Int, depth: Int, heads: Int, mlpRatio: Double = 4) {
        self.tokens = tokens
        self.channels = channels
        self.width = width
        self.depth = depth
        self.heads = heads
        self.mlpRatio = mlpRatio
    }

    /// Every inconsistency, as sentences (empty when the sizes fit).
    public var problems: [String] {
        var problems: [String] = []
        if heads < 1 || width % heads != 0 { problems.append("heads \(heads) must divide the width \(width)") }
        if width % 2 != 0 { problems.append("the width \(width) must be even (1-D sin-cos positions)") }
        if tokens < 1 || channels < 1 { problems.append("tokens and channels must be at least 1") }
        return problems
    }
}
