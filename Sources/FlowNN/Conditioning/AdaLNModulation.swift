import FlowTensor

/// Adaptive layer-norm modulation: shift, scale and gate vectors computed from a conditioning vector,
/// as DiT's `adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(c, chunks · width))`.
///
/// adaLN-Zero: the linear layer starts at zero, so every block starts as the identity.
/// Its parameters are named `1.weight` and `1.bias`, matching DiT checkpoints.
///
/// ```swift
/// let adaLN = AdaLNModulation(conditionWidth: 64, width: 32, chunks: 6, generator: &generator)
/// let m = adaLN(c)   // six [B, 32] tensors: shift/scale/gate for attention, then for the MLP
/// let h = x + m[2].unsqueezed(1) * attention(modulate(norm(x), shift: m[0], scale: m[1]))
/// ```
public final class AdaLNModulation: Module {
    /// The linear layer after SiLU (checkpoint key `1`).
    public let linear: Linear
    /// How many `width`-wide vectors are produced.
    public let chunks: Int

    override public class var checkpointKeys: [String: String] { ["linear": "1"] }

    /// Produces `chunks` vectors of `width` features from a `conditionWidth` conditioning vector.
    ///
    /// `zeroInitialized` (the default, adaLN-Zero) starts weight and bias at zero; otherwise PyTorch's
    /// default `Linear` initialisation is used.
    public init(conditionWidth: Int, width: Int, chunks: Int = 6, zeroInitialized: Bool = true,
                dtype: DType = .float32, generator: inout RandomGenerator) {
        self.chunks = chunks
        let layer = Linear(conditionWidth, chunks * width, dtype: dtype, generator: &generator)
        if zeroInitialized {
            layer.weight.assign(Tensor.zeros(layer.weight.shape, dtype: dtype))
            layer.bias!.assign(Tensor.zeros(layer.bias!.shape, dtype: dtype))
        }
        linear = layer
    }

    /// The width of each produced vector.
    public var width: Int { linear.outputWidth / chunks }

    /// `chunks` tensors `[B, width]` from the conditioning vector `condition` (`[B, conditionWidth]`).
    public func callAsFunction(_ condition: Tensor) -> [Tensor] {
        linear(condition.silu()).split(Array(repeating: width, count: chunks), axis: -1)
    }
}

extension AdaLNModulation {
    /// Sets the weight and bias to zero (adaLN-Zero), in place.
    public func resetToZero() {
        linear.weight.assign(Tensor.zeros(linear.weight.shape, dtype: linear.weight.dtype))
        linear.bias?.assign(Tensor.zeros(linear.bias!.shape, dtype: linear.bias!.dtype))
    }
}
