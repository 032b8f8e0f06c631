import FlowTensor

/// The condition of one batch given to a `DiT`: nothing, one class label per image, one caption per image, or
/// the frozen text-encoder features of one caption per image.
///
/// A dropped condition (for classifier-free guidance) is the label `count`, a caption made only of the
/// padding token `vocabulary`, or text features of length 0 (see `DiT.nullCondition(batch:)`).
public enum DiTCondition: Sendable, Equatable {
    case none
    /// One label per image, each in `0...count` (`count` is "no label").
    case labels([Int])
    /// `batch × length` token ids, row by row, each in `0...vocabulary` (`vocabulary` is padding / "no caption").
    case captions([Int])
    /// Features `[batch, length, width]` (no gradient needed) and each caption's real rows `lengths[b]` in
    /// `0...length`; rows past them are padding, and length 0 is "no caption".
    case textEmbeddings(Tensor, lengths: [Int])

    /// Conditions are equal when they are the same case with equal values (features compared by shape and value).
    public static func == (a: DiTCondition, b: DiTCondition) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.labels(let x), .labels(let y)), (.captions(let x), .captions(let y)): return x == y
        case (.textEmbeddings(let x, let xLengths), .textEmbeddings(let y, let yLengths)):
            return xLengths == yLengths && x.shape == y.shape && x.doubles == y.doubles
        default: return false
        }
    }
}
