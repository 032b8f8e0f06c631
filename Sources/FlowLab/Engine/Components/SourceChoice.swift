import FlowMatching

/// Where a modality's flow starts.
public indirect enum SourceChoice: Sendable {
    /// Standard Gaussian noise (continuous).
    case gaussian
    /// Uniform random tokens (discrete).
    case uniform
    /// A constant mask token, one past the vocabulary (discrete).
    case mask
    /// CrossFlows' training source: with `probability` a row starts from its own caption (or image), else from `base`.
    case crossGuidance(base: SourceChoice, probability: Double)

    /// The source without the cross-guidance wrapper.
    public var base: SourceChoice {
        if case .crossGuidance(let base, _) = self { return base.base }
        return self
    }

    /// The probability that a training row starts from its own data (0 without cross-guidance).
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
