import FlowTensor

/// A diagonal Gaussian posterior `N(μ, exp(logvar))` over latent tokens `[B, L, d]`, read from a projection to
/// `2d` channels (the first `d` are μ, the last `d` are logvar), as FlowTok's text projector and KL tokenizer do.
public struct DiagonalGaussian {
    /// The means `[B, L, d]`.
    public let mean: Tensor
    /// The log-variances `[B, L, d]`.
    public let logVariance: Tensor

    /// The Gaussian of `moments` (`[B, L, 2d]`); logvar is clamped to [-30, 20] as the reference VAEs do.
    public init(moments: Tensor) {
        let channels = moments.shape[moments.rank - 1] / 2
        let parts = moments.split([channels, channels], axis: -1)
        mean = parts[0]
        logVariance = parts[1].clamped(min: -30, max: 20)
    }

    /// `z = μ + exp(logvar / 2) ε` with ε drawn from `generator` (the reparameterisation).
    public func sample(generator: inout RandomGenerator) -> Tensor {
        sample(noise: generator.normalTensor(mean.shape, dtype: mean.dtype))
    }

    /// `z = μ + exp(logvar / 2) ε` for a given `ε` (`noise`, the shape of ``mean``).
    public func sample(noise: Tensor) -> Tensor {
        mean + (logVariance * 0.5).exp() * noise
    }
}
