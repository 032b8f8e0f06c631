import FlowNN
import FlowTensor

/// FlowTok's text projector: frozen text-encoder token states `[B, L, featureWidth]` through `depth` post-LN
/// transformer blocks (ReLU feed-forward) and a linear map to `2d` channels, the moments of the Gaussian text
/// tokens `z_T = μ + exp(logvar / 2) ε` (`[B, L, d]`) the flow starts from.
///
/// Parameters: `blocks.N.*` (``PostNormTransformerBlock``), `moments.*`.
public final class TextProjector: Module {
    /// The blocks, at the text encoder's width.
    public let blocks: [PostNormTransformerBlock]
    /// The projection to `2d` moments.
    public let moments: Linear

    /// A projector over features `featureWidth` wide with `depth` blocks of `heads` heads and a feed-forward
    /// `hiddenWidth` wide, to `latentChannels` (d) channels.
    public init(featureWidth: Int, depth: Int, heads: Int, hiddenWidth: Int, latentChannels: Int, dtype: DType = .float32,
                generator: inout RandomGenerator) throws {
        var problems: [String] = []
        if heads < 1 || featureWidth % heads != 0 { problems.append("projector heads \(heads) must divide the text feature width \(featureWidth)") }
        if latentChannels < 1 { problems.append("latent_channels must be at least 1") }
        guard problems.isEmpty else { throw FlowTokError(problems) }
        blocks = (0..<depth).map { _ in
            PostNormTransformerBlock(width: featureWidth, heads: heads, hiddenWidth: hiddenWidth, dtype: dtype, generator: &generator)
        }
        moments = Linear(featureWidth, 2 * latentChannels, dtype: dtype, generator: &generator)
    }

    /// The Gaussian text tokens of `features` (`[B, L, featureWidth]`); `mask` (additive, broadcasting to
    /// `[B, heads, L, L]`) hides padded tokens from attention.
    public func callAsFunction(_ features: Tensor, mask: Tensor? = nil) -> DiagonalGaussian {
        DiagonalGaussian(moments: moments(blocks.reduce(features) { $1($0, mask: mask) }))
    }
}
