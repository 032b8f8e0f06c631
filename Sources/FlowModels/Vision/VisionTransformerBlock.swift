import FlowNN
import FlowTensor

/// A pre-LN ViT block with optional layer scale: `x + ls1(attn(norm1(x)))`, then `x + ls2(mlp(norm2(x)))`
/// (timm's `Block` and DINOv2's `NestedTensorBlock`: `norm1`, `attn.qkv`, `attn.proj`, `ls1.gamma`, `norm2`,
/// `mlp.fc1`, `mlp.fc2`, `ls2.gamma`; exact GELU).
public final class VisionTransformerBlock: Module {
    /// The normalisation before attention.
    public let norm1: LayerNorm
    /// The self-attention (checkpoint key `attn`).
    public let attention: MultiHeadAttention
    /// The attention branch's scale, when the layout has one.
    public let ls1: LayerScale?
    /// The normalisation before the MLP.
    public let norm2: LayerNorm
    /// The feed-forward MLP.
    public let mlp: MLP
    /// The MLP branch's scale, when the layout has one.
    public let ls2: LayerScale?

    override public class var checkpointKeys: [String: String] { ["attention": "attn"] }

    /// A block of `configuration`'s sizes.
    public init(configuration: VisionTransformerConfiguration, generator: inout RandomGenerator) {
        let width = configuration.width
        norm1 = LayerNorm(width, epsilon: configuration.layerNormEpsilon)
        attention = MultiHeadAttention(width: width, heads: configuration.heads, generator: &generator)
        ls1 = configuration.layerScale ? LayerScale(width: width) : nil
        norm2 = LayerNorm(width, epsilon: configuration.layerNormEpsilon)
        mlp = MLP(inputWidth: width, hiddenWidth: Int((Double(width) * configuration.mlpRatio).rounded()), activation: .geluErf,
                  generator: &generator)
        ls2 = configuration.layerScale ? LayerScale(width: width) : nil
    }

    /// Applies the block to tokens `[B, N, width]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var attended = attention(norm1(x))
        if let ls1 { attended = ls1(attended) }
        let h = x + attended
        var transformed = mlp(norm2(h))
        if let ls2 { transformed = ls2(transformed) }
        return h + transformed
    }
}
