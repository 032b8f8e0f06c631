import FlowNN
import FlowTensor

/// A BERT encoder with Hugging Face `BertModel` parameter names (`embeddings.*`, `encoder.layer.<i>.*`), so a
/// `model.safetensors` from the Hub loads by name; the pooler is not part of it (sentence embeddings pool the tokens).
///
/// ```swift
/// let bert = BertModel(configuration: .miniLM, generator: &generator)
/// try bert.loadSafetensors(SafetensorsFile(url: weights), ignoring: BertModel.unusedCheckpointNames)
/// let hidden = bert(ids: [101, 1037, 2417, 102], lengths: [4])   // [1, 4, 384]
/// ```
public final class BertModel: Module {
    /// The sizes.
    public let configuration: BertConfiguration
    /// Word, position and token-type embeddings.
    public let embeddings: BertEmbeddings
    /// The transformer layers.
    public let encoder: BertEncoder

    /// Names a Hugging Face BERT checkpoint may carry that this model does not use: the `position_ids` buffer
    /// and the pooler (`pooler.dense.*`).
    public static func unusedCheckpointNames(_ name: String) -> Bool {
        name == "embeddings.position_ids" || name.hasPrefix("pooler.")
    }

    /// A randomly initialised model of `configuration`'s sizes (load real weights with `loadSafetensors`).
    public init(configuration: BertConfiguration, generator: inout RandomGenerator) {
        self.configuration = configuration
        embeddings = BertEmbeddings(configuration: configuration, generator: &generator)
        encoder = BertEncoder(configuration: configuration, generator: &generator)
    }

    /// The last hidden states `[B, L, width]` of a padded batch: `ids` holds `B` rows of `L` ids, row `b` real for its
    /// first `lengths[b]` positions and padding after them (masked out of attention, so results do not depend on it).
    public func callAsFunction(ids: [Int], lengths: [Int]) -> Tensor {
        let batch = lengths.count
        precondition(batch > 0 && ids.count % batch == 0, "BertModel: \(ids.count) ids do not form \(batch) rows")
        let length = ids.count / batch
        precondition(length <= configuration.maximumPositions && lengths.allSatisfy { (1...length).contains($0) },
                     "BertModel: row lengths \(lengths) do not fit \(length) positions (at most \(configuration.maximumPositions))")
        var mask: Tensor?
        if lengths.contains(where: { $0 < length }) {
            let keep = lengths.flatMap { real in (0..<length).map { $0 < real } }
            mask = Tensor.additiveMask(keep: keep, shape: [batch, 1, 1, length])
        }
        return encoder(embeddings(ids, batch: batch, length: length), mask: mask)
    }
}
