import FlowNN
import FlowTensor

/// A DiT block with adaLN-Zero conditioning (facebookresearch/DiT's `DiTBlock`), optionally with PixArt's
/// cross-attention to caption tokens between the self-attention and the MLP.
///
/// With `(shift₁, scale₁, gate₁, shift₂, scale₂, gate₂) = adaLN_modulation(c)`:
/// ```
/// x ← x + gate₁ · attn(modulate(norm1(x), shift₁, scale₁))
/// x ← x + cross_attn(x, context)                       (only with cross-attention)
/// x ← x + gate₂ · mlp(modulate(norm2(x), shift₂, scale₂))
/// ```
/// `norm1`/`norm2` are parameter-free layer norms (ε = 1e-6); normalise-and-modulate and the gated residuals
/// are fused ops (`adaptiveLayerNorm`, `gatedResidual`). Parameters: `attn.qkv`, `attn.proj`, `mlp.fc1`,
/// `mlp.fc2`, `adaLN_modulation.1`, and `cross_attn.{q_linear, kv_linear, proj}` when present.
public final class DiTBlock: Module {
    /// The layer norm before attention (no parameters).
    public let norm1: LayerNorm
    /// The self-attention (checkpoint key `attn`).
    public let attention: MultiHeadAttention
    /// The cross-attention to caption tokens (checkpoint key `cross_attn`), or nil.
    public let crossAttention: CrossAttention?
    /// The layer norm before the MLP (no parameters).
    public let norm2: LayerNorm
    /// The GELU (tanh) feed-forward MLP.
    public let mlp: MLP
    /// The six modulation vectors from the conditioning (checkpoint key `adaLN_modulation`).
    public let modulation: AdaLNModulation

    override public class var checkpointKeys: [String: String] {
        ["attention": "attn", "crossAttention": "cross_attn", "modulation": "adaLN_modulation"]
    }

    /// A block of `width` features and `heads` heads; `contextWidth` adds cross-attention to a context that wide.
    public init(width: Int, heads: Int, mlpRatio: Double = 4, contextWidth: Int? = nil, dtype: DType = .float32,
                generator: inout RandomGenerator) {
        norm1 = LayerNorm(width, epsilon: 1e-6, affine: false, dtype: dtype)
        attention = MultiHeadAttention(width: width, heads: heads, dtype: dtype, generator: &generator)
        crossAttention = contextWidth.map {
            CrossAttention(width: width, contextWidth: $0, heads: heads, dtype: dtype, generator: &generator)
        }
        norm2 = LayerNorm(width, epsilon: 1e-6, affine: false, dtype: dtype)
        mlp = MLP(inputWidth: width, hiddenWidth: Int(Double(width) * mlpRatio), activation: .geluTanh, dtype: dtype,
                  generator: &generator)
        modulation = AdaLNModulation(conditionWidth: width, width: width, chunks: 6, dtype: dtype, generator: &generator)
    }

    /// Applies the block to tokens `x` (`[B, N, width]`) under the conditioning `condition` (`[B, width]`),
    /// attending to `context` (`[B, S, contextWidth]`) when the block has cross-attention; `contextMask` is an
    /// additive mask broadcasting to `[B, heads, N, S]` (e.g. `[B, 1, 1, S]` to drop padded context rows).
    public func callAsFunction(_ x: Tensor, condition: Tensor, context: Tensor? = nil, contextMask: Tensor? = nil) -> Tensor {
        let m = modulation(condition)
        let epsilon = norm1.epsilon
        var h = Tensor.gatedResidual(x, gate: m[2], attention(x.adaptiveLayerNorm(shift: m[0], scale: m[1], epsilon: epsilon)))
        if let crossAttention {
            guard let context else { preconditionFailure("DiTBlock: a block with cross-attention needs a context") }
            h = h + crossAttention(h, context: context, mask: contextMask)
        }
        return Tensor.gatedResidual(h, gate: m[5], mlp(h.adaptiveLayerNorm(shift: m[3], scale: m[4], epsilon: epsilon)))
    }
}
