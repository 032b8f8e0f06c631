/// Where FlowTok's text-alignment target comes from: the text encoder's token states brought down to d channels.
public enum TextAlignmentTarget: String, Sendable, Codable, CaseIterable {
    /// A per-token MLP `featureWidth → 512 → SiLU → 512 → SiLU → d` (the paper's choice).
    case mlp
    /// Average pooling of each token's channels in groups of `featureWidth / d` (the ablation).
    case averagePool = "avg_pool"
}

/// How FlowTok's text-alignment loss compares the text tokens with the target.
public enum TextAlignmentLoss: String, Sendable, Codable, CaseIterable {
    /// CLIP-style: flatten, L2-normalise, `logits = exp(τ) Z Cᵀ` with learnable τ, symmetric cross-entropy.
    case contrastive
    /// `mean_b max(0, margin − cos(z_b, c_b))` on the flattened tokens (the ablation).
    case cosine
}
