import FlowTensor

/// A source distribution `p_0` over tokens for a discrete flow.
public protocol DiscreteSource: Sendable {
    /// The number of token ids a model must predict over (the data vocabulary plus any special token).
    var modelVocabularySize: Int { get }
    /// `p_0` per token id, `modelVocabularySize` entries (used by the divergence-free solver term).
    var probabilities: [Double] { get }
    /// A batch of source tokens of the given shape.
    func sample(shape: [Int], generator: inout RandomGenerator) -> DiscreteState
}
