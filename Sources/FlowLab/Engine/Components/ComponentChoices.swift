import FlowMatching

/// The probability path a modality follows.
public enum PathChoice: String, Sendable {
    /// `x_t = σ_t x₀ + α_t x₁` (continuous).
    case affine
    /// Each token is x₀'s with probability `1 - κ_t`, else x₁'s (discrete).
    case mixture
}

/// Where a modality's flow starts.
public indirect enum SourceChoice: Sendable {
    /// Standard Gaussian noise (continuous).
    case gaussian
    /// Uniform random tokens (discrete).
    case uniform
    /// A constant mask token, one past the vocabulary (discrete).
    case mask
    /// CrossFlows' training source: with `probability` a row starts from its own caption, else from `base`.
    case crossGuidance(base: SourceChoice, probability: Double)

    /// The source without the cross-guidance wrapper.
    public var base: SourceChoice {
        if case .crossGuidance(let base, _) = self { return base.base }
        return self
    }

    /// The probability that a training row starts from its caption (0 without cross-guidance).
    public var promptProbability: Double {
        if case .crossGuidance(_, let probability) = self { return probability }
        return 0
    }

    /// The discrete source over `vocabularySize` data tokens.
    public func discreteSource(vocabularySize: Int) -> any DiscreteSource {
        switch base {
        case .mask: return MaskTokenSource(vocabularySize: vocabularySize)
        default: return UniformTokenSource(vocabularySize: vocabularySize)
        }
    }
}

/// A modality's training loss.
public enum LossChoice: String, Sendable {
    /// Mean squared error between predicted and target velocity.
    case meanSquaredError = "mse"
    /// Cross-entropy of the posterior against x₁.
    case crossEntropy = "cross_entropy"
    /// The mixture path's generalized KL (flow_matching's `MixturePathGeneralizedKL`).
    case generalizedKL = "generalized_kl"
}

/// How samples are integrated: the ODE method and the discrete step rule.
public struct SolverChoice: Sendable {
    /// The ODE method of continuous states.
    public var method: ODEMethod
    /// The step rule of discrete states.
    public var discreteUpdate: DiscreteUpdateRule
    /// Steps of the discrete state when it differs from the continuous one (adaptive horizon).
    public var discreteSteps: Int?
}

/// How sampling is guided.
public enum GuidanceChoice: Sendable, Equatable {
    /// Classifier-free guidance of a label-conditioned flow, one sampling configuration per scale.
    case classifierFree(scales: [Double])
    /// Cross-guidance: the discrete state starts from the prompt and evolves; optional CFG on the velocity.
    case crossGuidance(scale: Double?)
    /// The joint model with the prompt held fixed (the conventional conditional model); optional CFG.
    case frozenPrompt(scale: Double?)
    /// Both states start from their sources (unconditional joint generation).
    case unconditional
}
