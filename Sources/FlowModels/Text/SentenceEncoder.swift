import Foundation
import FlowData
import FlowNN
import FlowTensor

/// A frozen sentence encoder: WordPiece tokens, a BERT, mean pooling and L2 normalisation, as
/// sentence-transformers runs all-MiniLM-L6-v2 (texts truncated to 256 tokens).
///
/// Texts are embedded in batches of similar length (padding is masked, so a text embeds the same alone or in
/// any batch); the matrix products inside split over `ComputeThreads`. `cachedEmbeddings` keeps each distinct
/// text's vector, so a training run that sees the same captions every epoch computes each once.
///
/// ```swift
/// let encoder = try SentenceEncoder.miniLM()                       // throws one line when the weights are missing
/// let vectors = encoder.embed(["a red circle", "a blue square"])   // [2, 384], unit rows
/// let tokens = encoder.tokenStates("a red circle")                 // [5, 384]: [CLS] a red circle [SEP]
/// ```
public final class SentenceEncoder: @unchecked Sendable {
    /// The transformer.
    public let model: BertModel
    /// The tokenizer.
    public let tokenizer: WordPieceTokenizer
    /// The most tokens a text keeps, `[CLS]` and `[SEP]` included (sentence-transformers' `max_seq_length`).
    public let maximumLength: Int
    /// A name for reports ("sentence-transformers/all-MiniLM-L6-v2").
    public let name: String

    private var cache: [String: [Float]] = [:]
    private let cacheLock = NSLock()

    /// An encoder from its parts; the model is frozen and put in evaluation mode.
    public init(model: BertModel, tokenizer: WordPieceTokenizer, maximumLength: Int = 256, name: String) {
        precondition(maximumLength >= 2 && maximumLength <= model.configuration.maximumPositions,
                     "maximumLength \(maximumLength) does not fit the model's \(model.configuration.maximumPositions) positions")
        self.model = model
        self.tokenizer = tokenizer
        self.maximumLength = maximumLength
        self.name = name
        model.freeze()
        model.eval()
    }

    /// sentence-transformers/all-MiniLM-L6-v2 from `$FLOWLAB_WEIGHTS/all-MiniLM-L6-v2/` (see `PretrainedWeights.miniLM`).
    public static func miniLM(root: URL = PretrainedWeights.root) throws -> SentenceEncoder {
        let weights = PretrainedWeights.miniLM
        let configuration = try BertConfiguration(contentsOf: weights.file("config.json", in: root))
        var generator = RandomGenerator(seed: 0)
        let model = BertModel(configuration: configuration, generator: &generator)
        try model.loadSafetensors(SafetensorsFile(url: weights.file("model.safetensors", in: root)),
                                  ignoring: BertModel.unusedCheckpointNames)
        let tokenizer = try WordPieceTokenizer(vocabularyFile: weights.file("vocab.txt", in: root))
        return SentenceEncoder(model: model, tokenizer: tokenizer, maximumLength: 256,
                               name: "sentence-transformers/all-MiniLM-L6-v2")
    }

    /// The embedding width (384 for MiniLM).
    public var width: Int { model.configuration.width }

    /// The ids the model sees for `text`: `[CLS]`, the pieces truncated to fit, `[SEP]`.
    public func ids(_ text: String) -> [Int] { tokenizer.encode(text, maximumLength: maximumLength) }

    /// Unit-length sentence vectors `[N, width]`, row `i` for `texts[i]`.
    ///
    /// - Parameters:
    ///   - batchSize: texts per forward pass (grouped by token count to keep padding small).
    ///   - progress: called after each batch with (texts done, total).
    public func embed(_ texts: [String], batchSize: Int = 32, progress: ((Int, Int) -> Void)? = nil) -> Tensor {
        precondition(batchSize > 0, "batchSize must be positive")
        let encoded = texts.map(ids)
        var result = [Float](repeating: 0, count: texts.count * width)
        let order = encoded.indices.sorted { (encoded[$0].count, $0) < (encoded[$1].count, $1) }
        var done = 0
        for start in stride(from: 0, to: order.count, by: batchSize) {
            let members = Array(order[start..<min(start + batchSize, order.count)])
            let pooled = withNoGradient { pooledBatch(members.map { encoded[$0] }) }.floats
            for (row, index) in members.enumerated() {
                for feature in 0..<width { result[index * width + feature] = pooled[row * width + feature] }
            }
            done += members.count
            progress?(done, texts.count)
        }
        return Tensor(shape: [texts.count, width], scalars: result)
    }

    /// The final hidden state of every token of `text` (`[CLS]` and `[SEP]` included): `[L, width]`.
    public func tokenStates(_ text: String) -> Tensor {
        let ids = ids(text)
        let hidden = withNoGradient { model(ids: ids, lengths: [ids.count]) }
        return hidden.reshaped([ids.count, width])
    }

    /// Sentence vectors for `texts` through a per-text cache: each distinct text is embedded once per encoder.
    public func cachedEmbeddings(_ texts: [String], batchSize: Int = 32) -> Tensor {
        var missing: [String] = []
        cacheLock.withLock {
            var seen: Set<String> = []
            for text in texts where cache[text] == nil && seen.insert(text).inserted { missing.append(text) }
        }
        if !missing.isEmpty {
            let fresh = embed(missing, batchSize: batchSize).floats
            cacheLock.withLock {
                for (row, text) in missing.enumerated() { cache[text] = Array(fresh[(row * width)..<((row + 1) * width)]) }
            }
        }
        let rows = cacheLock.withLock { texts.flatMap { cache[$0]! } }
        return Tensor(shape: [texts.count, width], scalars: rows)
    }

    /// The number of distinct texts in the cache.
    public var cachedCount: Int { cacheLock.withLock { cache.count } }

    /// The final hidden states `[B, L, width]` of id rows (each `[CLS] … [SEP]`, as `ids` gives them) padded to the
    /// longest, L; row `b` is real for its first `rows[b].count` positions. Computed without gradients.
    ///
    /// Padding is masked, so a row's states do not depend on the other rows beyond rounding: the matrix products
    /// round differently for other batch shapes (about 1e-6); one row alone is always computed the same way.
    public func hiddenStates(_ rows: [[Int]]) -> Tensor {
        precondition(!rows.isEmpty, "hiddenStates needs at least one row")
        let length = rows.map(\.count).max()!
        let padded = rows.flatMap { $0 + Array(repeating: tokenizer.paddingID, count: length - $0.count) }
        return withNoGradient { model(ids: padded, lengths: rows.map(\.count)) }
    }

    /// Pooled, normalised vectors of one padded batch.
    private func pooledBatch(_ rows: [[Int]]) -> Tensor {
        SentencePooling.meanPooled(hiddenStates(rows), lengths: rows.map(\.count))
    }
}
