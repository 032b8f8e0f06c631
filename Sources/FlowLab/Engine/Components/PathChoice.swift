/// The probability path a modality follows.
public enum PathChoice: String, Sendable {
    /// `x_t = σ_t x₀ + α_t x₁` (continuous).
    case affine
    /// Each token is x₀'s with probability `1 - κ_t`, else x₁'s (discrete).
    case mixture
}
