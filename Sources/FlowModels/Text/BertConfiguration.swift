import Foundation

/// The sizes of a BERT encoder, as in Hugging Face's `BertConfig` (`config.json`).
public struct BertConfiguration: Sendable, Equatable {
    /// Tokens in the vocabulary (`vocab_size`).
    public var vocabularySize: Int
    /// Feature width (`hidden_size`).
    public var width: Int
    /// Transformer layers (`num_hidden_layers`).
    public var layers: Int
    /// Attention heads (`num_attention_heads`).
    public var heads: Int
    /// Feed-forward width (`intermediate_size`).
    public var intermediateWidth: Int
    /// Learned absolute positions (`max_position_embeddings`).
    public var maximumPositions: Int
    /// Token types (`type_vocab_size`).
    public var tokenTypes: Int
    /// LayerNorm epsilon (`layer_norm_eps`).
    public var layerNormEpsilon: Double

    /// A configuration; the defaults are all-MiniLM-L6-v2's (6 layers, width 384, 12 heads).
    public init(vocabularySize: Int = 30522, width: Int = 384, layers: Int = 6, heads: Int = 12,
                intermediateWidth: Int = 1536, maximumPositions: Int = 512, tokenTypes: Int = 2,
                layerNormEpsilon: Double = 1e-12) {
        self.vocabularySize = vocabularySize
        self.width = width
        self.layers = layers
        self.heads = heads
        self.intermediateWidth = intermediateWidth
        self.maximumPositions = maximumPositions
        self.tokenTypes = tokenTypes
        self.layerNormEpsilon = layerNormEpsilon
    }

    /// all-MiniLM-L6-v2 (sentence-transformers), the model CrossFlows' "Caption Sim" uses.
    public static let miniLM = BertConfiguration()

    /// Reads a Hugging Face `config.json`; a BERT with another activation or position type is rejected.
    public init(contentsOf url: URL) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        } catch {
            throw BertConfigurationError(file: url.path, key: nil, "cannot read JSON: \(error.localizedDescription)")
        }
        guard let fields = object as? [String: Any] else {
            throw BertConfigurationError(file: url.path, key: nil, "is not a JSON object")
        }
        func integer(_ key: String) throws -> Int {
            guard let value = fields[key] as? Int, value > 0 else {
                throw BertConfigurationError(file: url.path, key: key, "needs a positive integer")
            }
            return value
        }
        if let activation = fields["hidden_act"] as? String, activation != "gelu" {
            throw BertConfigurationError(file: url.path, key: "hidden_act", "'\(activation)' is not supported (only gelu)")
        }
        if let positions = fields["position_embedding_type"] as? String, positions != "absolute" {
            throw BertConfigurationError(file: url.path, key: "position_embedding_type", "'\(positions)' is not supported (only absolute)")
        }
        self.init(vocabularySize: try integer("vocab_size"), width: try integer("hidden_size"),
                  layers: try integer("num_hidden_layers"), heads: try integer("num_attention_heads"),
                  intermediateWidth: try integer("intermediate_size"), maximumPositions: try integer("max_position_embeddings"),
                  tokenTypes: try integer("type_vocab_size"),
                  layerNormEpsilon: (fields["layer_norm_eps"] as? Double) ?? 1e-12)
        guard width % heads == 0 else {
            throw BertConfigurationError(file: url.path, key: "num_attention_heads", "\(heads) heads do not divide hidden_size \(width)")
        }
    }
}
