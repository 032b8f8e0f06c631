import FlowTensor

/// The discrete training source of cross-guidance (CrossFlows App. C): with probability p a row's source is
/// its own caption (`Z_0 = (I_0, caption)`), otherwise a draw from the base source.
///
/// The model then learns paths that start at prompts too, so sampling can start the discrete state from a
/// prompt and let it evolve (`JointCondition.crossGuidedPrompt`).
public struct CrossGuidanceSource: Sendable {
    /// The usual source (uniform tokens or mask).
    public let base: any DiscreteSource
    /// The probability that a row starts from its caption (0.1 in the paper).
    public let promptProbability: Double

    /// A cross-guidance source over `base`.
    public init(base: any DiscreteSource, promptProbability: Double = 0.1) {
        precondition((0...1).contains(promptProbability), "CrossGuidanceSource: probability \(promptProbability) outside [0, 1]")
        self.base = base
        self.promptProbability = promptProbability
    }

    /// Source tokens for a batch of captions `[B, L]`.
    public func sample(captions: DiscreteState, generator: inout RandomGenerator) -> DiscreteState {
        var source = base.sample(shape: captions.shape, generator: &generator)
        let usePrompt = generator.uniform(captions.batchSize).map { $0 < promptProbability }
        let length = captions.tokensPerRow
        for row in 0..<captions.batchSize where usePrompt[row] {
            for index in (row * length)..<((row + 1) * length) { source.tokens[index] = captions.tokens[index] }
        }
        return source
    }
}
