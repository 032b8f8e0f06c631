import FlowNN
import FlowTensor

/// One stream (image or text) of an MM-DiT block: Stable Diffusion 3's `DismantledBlock` (sd3-ref `mmditx.py`), an
/// adaLN-Zero DiT block cut open around its attention so that two streams can attend jointly.
///
/// With `(shift₁, scale₁, gate₁, shift₂, scale₂, gate₂) = adaLN_modulation(c)`:
/// ```
/// before:  qkv(modulate(norm1(x), shift₁, scale₁))
/// after:   x ← x + gate₁ · proj(a)                 (a: this stream's rows of the joint attention)
///          x ← x + gate₂ · mlp(modulate(norm2(x), shift₂, scale₂))
/// ```
/// A pre-only stream (SD3's text stream in the last block) has only `(shift₁, scale₁)`, no `proj`, `norm2` or `mlp`.
/// Parameters as SD3: `attn.qkv`, `attn.proj`, `mlp.fc1`, `mlp.fc2`, `adaLN_modulation.1` (norms have none), the
/// same names and layers as `DiTBlock`.
public final class JointTransformerStream: Module {
    /// The layer norm before attention (no parameters, ε = 1e-6).
    public let norm1: LayerNorm
    /// The projections around the joint attention (checkpoint key `attn`).
    public let attention: JointAttentionProjection
    /// The layer norm before the MLP (no parameters), nil when pre-only.
    public let norm2: LayerNorm?
    /// The GELU (tanh) feed-forward MLP, nil when pre-only.
    public let mlp: MLP?
    /// The modulation vectors from the conditioning (checkpoint key `adaLN_modulation`): six, or two when pre-only.
    public let modulation: AdaLNModulation

    override public class var checkpointKeys: [String: String] {
        ["attention": "attn", "modulation": "adaLN_modulation"]
    }

    /// A stream of `width` features and `heads` heads; `preOnly` keeps only what precedes the attention.
    public init(width: Int, heads: Int, mlpRatio: Double = 4, preOnly: Bool = false, dtype: DType = .float32,
                generator: inout RandomGenerator) {
        norm1 = LayerNorm(width, epsilon: 1e-6, affine: false, dtype: dtype)
        attention = JointAttentionProjection(width: width, heads: heads, preOnly: preOnly, dtype: dtype, generator: &generator)
        norm2 = preOnly ? nil : LayerNorm(width, epsilon: 1e-6, affine: false, dtype: dtype)
        mlp = preOnly ? nil : MLP(inputWidth: width, hiddenWidth: Int(Double(width) * mlpRatio), activation: .geluTanh,
                                  dtype: dtype, generator: &generator)
        modulation = AdaLNModulation(conditionWidth: width, width: width, chunks: preOnly ? 2 : 6, dtype: dtype,
                                     generator: &generator)
    }

    /// Whether the stream ends at its query/key/value projection.
    public var isPreOnly: Bool { mlp == nil }

    /// The packed queries, keys and values `[B, N, 3 · width]` of tokens `x` under `condition` (`[B, width]`), and the
    /// modulation vectors `postAttention` needs.
    public func preAttention(_ x: Tensor, condition: Tensor) -> (queryKeyValue: Tensor, modulation: [Tensor]) {
        let m = modulation(condition)
        return (attention.queryKeyValue(x.adaptiveLayerNorm(shift: m[0], scale: m[1], epsilon: norm1.epsilon)), m)
    }

    /// The stream's new tokens from its input `x` and its rows `attended` (`[B, N, width]`, heads merged) of the
    /// joint attention. Not for a pre-only stream.
    public func postAttention(_ attended: Tensor, x: Tensor, modulation m: [Tensor]) -> Tensor {
        guard let projection = attention.projection, let mlp, let norm2 else {
            preconditionFailure("JointTransformerStream: a pre-only stream has no output")
        }
        let h = Tensor.gatedResidual(x, gate: m[2], projection(attended))
        return Tensor.gatedResidual(h, gate: m[5], mlp(h.adaptiveLayerNorm(shift: m[3], scale: m[4], epsilon: norm2.epsilon)))
    }
}
