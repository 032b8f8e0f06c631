import FlowNN
import FlowTensor

/// BERT's attention sub-layer: self-attention, then the residual output (Hugging Face names `self`, `output`).
public final class BertAttention: Module {
    /// The self-attention (checkpoint key `self`).
    public let selfAttention: BertSelfAttention
    /// The output projection, residual and LayerNorm.
    public let output: BertResidualOutput

    override public class var checkpointKeys: [String: String] { ["selfAttention": "self"] }

    /// The sub-layer of a model with `configuration`'s sizes.
    public init(configuration: BertConfiguration, generator: inout RandomGenerator) {
        selfAttention = BertSelfAttention(width: configuration.width, heads: configuration.heads, generator: &generator)
        output = BertResidualOutput(inputWidth: configuration.width, width: configuration.width,
                                    epsilon: configuration.layerNormEpsilon, generator: &generator)
    }

    /// `LayerNorm(x + proj(attention(x)))`.
    public func callAsFunction(_ x: Tensor, mask: Tensor?) -> Tensor {
        output(selfAttention(x, mask: mask), residual: x)
    }
}
