import FlowData
import FlowNN
import FlowTensor

/// The text tower of `ShapesCLIP`: word embeddings of `WordTokenizer.shapes` tokens, learned positions, a few
/// transformer blocks, a final layer norm, the mean over the caption's (unpadded) tokens and a projection.
///
/// Padding is masked out of attention and of the mean, so a caption's embedding does not depend on
/// `textLength`. Captions longer than `textLength` tokens are truncated (the grammar's longest have 25).
public final class ShapesCLIPTextEncoder: Module {
    /// The word embeddings (checkpoint key `token_embedding`).
    let tokenEmbedding: Embedding
    /// The learned position embeddings `[1, textLength, textWidth]` (checkpoint key `positional_embedding`).
    let positionEmbedding: Tensor
    /// The transformer blocks (`blocks.N.attn.qkv`, ...).
    let blocks: [TransformerBlock]
    /// The layer norm after the last block (checkpoint key `ln_final`).
    let finalNorm: LayerNorm
    /// Pooled tokens → the embedding.
    let projection: Linear
    /// Tokens read per caption.
    public let length: Int

    override public class var checkpointKeys: [String: String] {
        ["tokenEmbedding": "token_embedding", "positionEmbedding": "positional_embedding", "finalNorm": "ln_final"]
    }

    public init(configuration: ShapesCLIPConfiguration, generator: inout RandomGenerator) {
        let width = configuration.textWidth
        length = configuration.textLength
        tokenEmbedding = Embedding(count: WordTokenizer.shapes.vocabularySize, width: width, generator: &generator)
        let positions = (generator.normalTensor([1, configuration.textLength, width]) * 0.01).detached()
        positions.requiresGrad = true
        positionEmbedding = positions
        blocks = (0..<configuration.textBlocks).map { _ in
            TransformerBlock(width: width, heads: configuration.textHeads, generator: &generator)
        }
        finalNorm = LayerNorm(width)
        projection = Linear(width, configuration.embeddingWidth, generator: &generator)
    }

    /// The unnormalised embeddings `[captions.count, embeddingWidth]` of captions (words outside the grammar read as `<unk>`).
    public func callAsFunction(_ captions: [String]) -> Tensor {
        let tokenizer = WordTokenizer.shapes
        let count = captions.count
        let ids = tokenizer.encodeBatch(captions, length: length)
        let keep = ids.map { $0 == tokenizer.paddingID ? Float(0) : 1 }
        let lengths = (0..<count).map { row in max(1, keep[(row * length)..<((row + 1) * length)].reduce(0, +)) }
        let mask = Tensor(shape: [count, 1, 1, length], scalars: keep.map { $0 == 1 ? Float(0) : -1e9 })
        var hidden = tokenEmbedding(ids, shape: [count, length]) + positionEmbedding
        for block in blocks { hidden = block(hidden, mask: mask) }
        hidden = finalNorm(hidden)
        let pooled = (hidden * Tensor(shape: [count, length, 1], scalars: keep)).sum(axes: [1])
            / Tensor(shape: [count, 1], scalars: lengths)
        return projection(pooled)
    }
}
