import FlowNN
import FlowTensor

/// A block of the CrossFlows caption flow (paper §3.3): self-attention over the caption tokens, cross-attention to the
/// image tokens and an MLP, side by side, `x ← x + SelfAttn(x) + CrossAttn(x, z) + MLP(x)`, each branch with
/// adaLN-Zero from the timestep embedding.
///
/// With `(shift_a, scale_a, gate_a, shift_c, scale_c, gate_c, shift_m, scale_m, gate_m) = adaLN_modulation(c)` and
/// `n(x, shift, scale) = modulate(norm(x), shift, scale)`:
/// ```
/// x ← x + gate_a · attn(n(x, shift_a, scale_a))
///       + gate_c · cross_attn(n(x, shift_c, scale_c), z)
///       + gate_m · mlp(n(x, shift_m, scale_m))
/// ```
/// All three branches read the same `x` (the paper's single update); `norm` has no parameters (ε = 1e-6). No public
/// code exists for this network, so the names are DiT's and PixArt's: `attn.{qkv, proj}`,
/// `cross_attn.{q_linear, kv_linear, proj}`, `mlp.{fc1, fc2}`, `adaLN_modulation.1`.
public final class CaptionFlowBlock: Module {
    /// The layer norm shared by the branches (no parameters).
    public let norm: LayerNorm
    /// The self-attention over caption tokens (checkpoint key `attn`).
    public let attention: MultiHeadAttention
    /// The cross-attention to image tokens (checkpoint key `cross_attn`).
    public let crossAttention: CrossAttention
    /// The GELU (tanh) feed-forward MLP.
    public let mlp: MLP
    /// The nine modulation vectors from the conditioning (checkpoint key `adaLN_modulation`).
    public let modulation: AdaLNModulation

    override public class var checkpointKeys: [String: String] {
        ["attention": "attn", "crossAttention": "cross_attn", "modulation": "adaLN_modulation"]
    }

    /// A block of `width` features and `heads` heads, attending to image tokens of `imageWidth` features.
    public init(width: Int, heads: Int, imageWidth: Int, mlpRatio: Double = 4, dtype: DType = .float32,
                generator: inout RandomGenerator) {
        norm = LayerNorm(width, epsilon: 1e-6, affine: false, dtype: dtype)
        attention = MultiHeadAttention(width: width, heads: heads, dtype: dtype, generator: &generator)
        crossAttention = CrossAttention(width: width, contextWidth: imageWidth, heads: heads, dtype: dtype,
                                        generator: &generator)
        mlp = MLP(inputWidth: width, hiddenWidth: Int(Double(width) * mlpRatio), activation: .geluTanh, dtype: dtype,
                  generator: &generator)
        modulation = AdaLNModulation(conditionWidth: width, width: width, chunks: 9, dtype: dtype, generator: &generator)
    }

    /// The new caption tokens `[B, L, width]` from caption tokens `x`, image tokens `image` (`[B, N, imageWidth]`) and
    /// the conditioning vector `condition` (`[B, width]`).
    public func callAsFunction(_ x: Tensor, image: Tensor, condition: Tensor) -> Tensor {
        let m = modulation(condition)
        func normalized(_ shift: Tensor, _ scale: Tensor) -> Tensor {
            x.adaptiveLayerNorm(shift: shift, scale: scale, epsilon: norm.epsilon)
        }
        let attended = Tensor.gatedResidual(x, gate: m[2], attention(normalized(m[0], m[1])))
        let crossed = Tensor.gatedResidual(attended, gate: m[5], crossAttention(normalized(m[3], m[4]), context: image))
        return Tensor.gatedResidual(crossed, gate: m[8], mlp(normalized(m[6], m[7])))
    }
}
