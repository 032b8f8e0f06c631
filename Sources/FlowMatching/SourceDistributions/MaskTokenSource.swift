import FlowTensor

/// Every token is the mask id V, one past the data vocabulary, so models predict over V + 1 ids.
public struct MaskTokenSource: DiscreteSource {
    /// The data vocabulary size V.
    public let vocabularySize: Int

    /// A mask source for data tokens in `0..<vocabularySize`.
    public init(vocabularySize: Int) {
        precondition(vocabularySize > 0, "MaskTokenSource: vocabulary size must be positive")
        self.vocabularySize = vocabularySize
    }

    /// The mask token id, V.
    public var maskToken: Int { vocabularySize }

    /// V + 1.
    public var modelVocabularySize: Int { vocabularySize + 1 }

    /// All mass on the mask token.
    public var probabilities: [Double] {
        var result = Array(repeating: 0.0, count: vocabularySize + 1)
        result[vocabularySize] = 1
        return result
    }

    /// Every token the mask id.
    public func sample(shape: [Int], generator: inout RandomGenerator) -> DiscreteState {
        DiscreteState(repeating: maskToken, shape: shape)
    }
}
