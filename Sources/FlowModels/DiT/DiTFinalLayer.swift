import FlowNN
import FlowTensor

/// DiT's `FinalLayer`: `linear(modulate(norm_final(x), shift, scale))` with `(shift, scale) = adaLN_modulation(c)`,
/// giving `p · p · channels` features per token (flattened `(row, column, channel)`).
public final class DiTFinalLayer: Module {
    /// The layer norm before the modulation (no parameters; checkpoint key `norm_final`).
    public let norm: LayerNorm
    /// The projection to patch pixels (checkpoint key `linear`).
    public let linear: Linear
    /// The shift and scale from the conditioning (checkpoint key `adaLN_modulation`).
    public let modulation: AdaLNModulation

    override public class var checkpointKeys: [String: String] { ["norm": "norm_final", "modulation": "adaLN_modulation"] }

    /// A final layer from `width` features to `patchSize² · channels` outputs per token.
    public init(width: Int, patchSize: Int, channels: Int, dtype: DType = .float32, generator: inout RandomGenerator) {
        norm = LayerNorm(width, epsilon: 1e-6, affine: false, dtype: dtype)
        linear = Linear(width, patchSize * patchSize * channels, dtype: dtype, generator: &generator)
        modulation = AdaLNModulation(conditionWidth: width, width: width, chunks: 2, dtype: dtype, generator: &generator)
    }

    /// Per-token patch outputs `[B, N, p·p·channels]` of tokens `x` (`[B, N, width]`) under `condition` (`[B, width]`).
    public func callAsFunction(_ x: Tensor, condition: Tensor) -> Tensor {
        let m = modulation(condition)
        return linear(x.adaptiveLayerNorm(shift: m[0], scale: m[1], epsilon: norm.epsilon))
    }
}
