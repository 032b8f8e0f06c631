import FlowTensor

/// Tokens drawn uniformly from the data vocabulary (the text default of discrete flow matching).
public struct UniformTokenSource: DiscreteSource {
    /// The data vocabulary size V.
    public let vocabularySize: Int

    /// A uniform source over `0..<vocabularySize`.
    public init(vocabularySize: Int) {
        precondition(vocabularySize > 0, "UniformTokenSource: vocabulary size must be positive")
        self.vocabularySize = vocabularySize
    }

    /// V: no special token is added.
    public var modelVocabularySize: Int { vocabularySize }

    /// `1 / V` for every token.
    public var probabilities: [Double] { Array(repeating: 1 / Double(vocabularySize), count: vocabularySize) }

    /// Tokens drawn uniformly from `0..<vocabularySize`.
    public func sample(shape: [Int], generator: inout RandomGenerator) -> DiscreteState {
        DiscreteState(tokens: generator.integers(shape.reduce(1, *), below: vocabularySize), shape: shape)
    }
}
