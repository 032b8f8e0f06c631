import FlowNN
import FlowTensor

/// One post-LN BERT layer: attention, then the feed-forward block (Hugging Face names `attention`,
/// `intermediate`, `output`).
public final class BertLayer: Module {
    /// The attention sub-layer.
    public let attention: BertAttention
    /// The feed-forward expansion.
    public let intermediate: BertIntermediate
    /// The feed-forward projection, residual and LayerNorm.
    public let output: BertResidualOutput

    /// A layer of `configuration`'s sizes.
    public init(configuration: BertConfiguration, generator: inout RandomGenerator) {
        attention = BertAttention(configuration: configuration, generator: &generator)
        intermediate = BertIntermediate(width: configuration.width, intermediateWidth: configuration.intermediateWidth,
                                        generator: &generator)
        output = BertResidualOutput(inputWidth: configuration.intermediateWidth, width: configuration.width,
                                    epsilon: configuration.layerNormEpsilon, generator: &generator)
    }

    /// `h = attention(x)`, then `LayerNorm(h + dense(GELU(dense(h))))`.
    public func callAsFunction(_ x: Tensor, mask: Tensor?) -> Tensor {
        let attended = attention(x, mask: mask)
        return output(intermediate(attended), residual: attended)
    }
}
