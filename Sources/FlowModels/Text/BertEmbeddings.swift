import FlowNN
import FlowTensor

/// BERT's input embeddings: word + learned absolute position + token type, then LayerNorm
/// (Hugging Face names `word_embeddings`, `position_embeddings`, `token_type_embeddings`, `LayerNorm`).
public final class BertEmbeddings: Module {
    /// The `[vocabulary, width]` token table.
    public let wordEmbeddings: Embedding
    /// The `[positions, width]` position table.
    public let positionEmbeddings: Embedding
    /// The `[types, width]` token-type table.
    public let tokenTypeEmbeddings: Embedding
    /// The normalisation after the sum.
    public let layerNorm: LayerNorm

    override public class var checkpointKeys: [String: String] {
        ["wordEmbeddings": "word_embeddings", "positionEmbeddings": "position_embeddings",
         "tokenTypeEmbeddings": "token_type_embeddings", "layerNorm": "LayerNorm"]
    }

    /// Embeddings of the sizes in `configuration` (randomly initialised; load weights by name).
    public init(configuration: BertConfiguration, generator: inout RandomGenerator) {
        wordEmbeddings = Embedding(count: configuration.vocabularySize, width: configuration.width, generator: &generator)
        positionEmbeddings = Embedding(count: configuration.maximumPositions, width: configuration.width, generator: &generator)
        tokenTypeEmbeddings = Embedding(count: configuration.tokenTypes, width: configuration.width, generator: &generator)
        layerNorm = LayerNorm(configuration.width, epsilon: configuration.layerNormEpsilon)
    }

    /// `LayerNorm(word[ids] + position[0..<L] + type[0])` for `ids` laid out as `[batch, length]`.
    public func callAsFunction(_ ids: [Int], batch: Int, length: Int) -> Tensor {
        let words = wordEmbeddings(ids, shape: [batch, length])
        let positions = positionEmbeddings(Array(0..<length), shape: [1, length])
        let types = tokenTypeEmbeddings([0], shape: [1, 1])
        return layerNorm(words + (positions + types))
    }
}
