import FlowTensor

/// The KL regulariser of FlowTok's Gaussian latents, normalised per element (mean over batch, tokens and channels)
/// so its weight does not grow with the batch size.
///
/// - `reference`: the form the authors' code ships, `-½ (1 + logvar - (0.3 μ)⁶ - exp(logvar))`, which penalises
///   only large means.
/// - `gaussian`: the standard `KL(N(μ, σ²) ‖ N(0, 1)) = -½ (1 + logvar - μ² - exp(logvar))`.
public enum LatentKL: String, Sendable, Codable, CaseIterable {
    case reference
    case gaussian

    /// The per-element mean KL term of `posterior`, a scalar.
    public func callAsFunction(_ posterior: DiagonalGaussian) -> Tensor {
        let mean = posterior.mean, logVariance = posterior.logVariance
        let penalty: Tensor
        switch self {
        case .reference:
            let scaled = (mean * 0.3).squared()
            penalty = scaled * scaled * scaled
        case .gaussian:
            penalty = mean.squared()
        }
        return ((1 + logVariance - penalty - logVariance.exp()) * -0.5).mean()
    }
}
