/// What a `DiT` is conditioned on besides time.
///
/// - `none`: time only (an unconditional flow).
/// - `classLabels`: DiT's `LabelEmbedder` (`y_embedder.embedding_table`, `count + 1` rows; the last is the
///   "no label" entry classifier-free guidance uses).
/// - `captions`: caption tokens through a learned token table (`y_embedder.embedding_table`, `vocabulary + 1`
///   rows; the last is the padding / "no caption" token). Their mean is added to the time embedding in the
///   adaLN conditioning; with `crossAttention`, every block also attends to the tokens (plus learned positions
///   `y_embedder.pos_embed`) through PixArt's `cross_attn` after its self-attention.
/// - `textEmbeddings`: features of a frozen text encoder, `length` rows of `width` per caption (MiniLM's token
///   states `[L, 384]`, or its sentence vector as one row), through PixArt's `y_embedder.y_proj` (see
///   `TextFeatureEmbedding`); the mean of a caption's real rows joins the adaLN conditioning and, with
///   `crossAttention`, every block attends to the rows, padding masked. `y_embedder.y_embedding` is the learned
///   dropped caption.
public enum DiTConditioning: Sendable, Equatable {
    case none
    case classLabels(count: Int)
    case captions(vocabulary: Int, length: Int, crossAttention: Bool)
    case textEmbeddings(width: Int, length: Int, crossAttention: Bool)

    /// Every inconsistency, as readable sentences.
    var problems: [String] {
        switch self {
        case .none: return []
        case .classLabels(let count):
            return count > 0 ? [] : ["class count must be positive, got \(count)"]
        case .captions(let vocabulary, let length, _):
            var problems: [String] = []
            if vocabulary <= 0 { problems.append("caption vocabulary must be positive, got \(vocabulary)") }
            if length <= 0 { problems.append("caption length must be positive, got \(length)") }
            return problems
        case .textEmbeddings(let width, let length, _):
            var problems: [String] = []
            if width <= 0 { problems.append("text feature width must be positive, got \(width)") }
            if length <= 0 { problems.append("text feature rows per caption must be positive, got \(length)") }
            return problems
        }
    }
}
