import Foundation
import FlowTensor

/// Sinusoidal features of a scalar time, optionally followed by an MLP, as DiT's `TimestepEmbedder`.
///
/// For `dimension` d with half = ⌊d/2⌋ and frequencies `fᵢ = maxPeriod^(-i/half)`, the features of t are
/// `[cos(t f₀), ..., cos(t f_{half-1}), sin(t f₀), ..., sin(t f_{half-1})]` (cos first, as
/// `torch.cat([cos, sin])` in DiT), with one zero appended when d is odd. With an output width the
/// features go through `mlp = Sequential(Linear(d, w), SiLU, Linear(w, w))` (keys `mlp.0.*`, `mlp.2.*`).
///
/// ```swift
/// let embed = SinusoidalTimeEmbedding(dimension: 256, outputWidth: 384, generator: &generator)
/// let c = embed(Tensor(shape: [2], scalars: [0.1, 0.9] as [Float]))   // [2, 384]
/// ```
public final class SinusoidalTimeEmbedding: Module {
    /// The number of sinusoidal features.
    public let dimension: Int
    /// The longest period of the sinusoids.
    public let maxPeriod: Double
    /// The MLP applied to the features, or nil for the raw features.
    public let mlp: Sequential?

    /// Raw sinusoidal features, no parameters.
    public init(dimension: Int, maxPeriod: Double = 10_000) {
        self.dimension = dimension
        self.maxPeriod = maxPeriod
        mlp = nil
    }

    /// Sinusoidal features followed by `Linear(dimension, outputWidth) → SiLU → Linear(outputWidth, outputWidth)`.
    public init(dimension: Int, maxPeriod: Double = 10_000, outputWidth: Int, dtype: DType = .float32,
                generator: inout RandomGenerator) {
        self.dimension = dimension
        self.maxPeriod = maxPeriod
        mlp = Sequential([
            Linear(dimension, outputWidth, dtype: dtype, generator: &generator),
            Activation(.silu),
            Linear(outputWidth, outputWidth, dtype: dtype, generator: &generator),
        ])
    }

    /// The embedding of times `t` (`[B]`): `[B, dimension]`, or `[B, outputWidth]` with the MLP.
    public func callAsFunction(_ t: Tensor) -> Tensor {
        let features = SinusoidalTimeEmbedding.features(t, dimension: dimension, maxPeriod: maxPeriod)
        return mlp.map { $0(features) } ?? features
    }

    /// The sinusoidal features `[B, dimension]` of times `t` (`[B]`), in `t`'s dtype.
    public static func features(_ t: Tensor, dimension: Int, maxPeriod: Double = 10_000) -> Tensor {
        precondition(t.rank == 1, "time embedding expects t of shape [B], got \(t.shape)")
        let half = dimension / 2
        let frequencies = (0..<half).map { Foundation.exp(-Foundation.log(maxPeriod) * Double($0) / Double(half)) }
        let angles = t.reshaped([t.count, 1]) * Tensor(shape: [1, half], scalars: frequencies).converted(to: t.dtype)
        var parts = [angles.cos(), angles.sin()]
        if dimension % 2 == 1 { parts.append(Tensor.zeros([t.count, 1], dtype: t.dtype)) }
        return Tensor.concatenate(parts, axis: -1)
    }
}
