/// The condition of one batch given to a `DiT`: nothing, one class label per image, or one caption per image.
///
/// A dropped condition (for classifier-free guidance) is the label `count` or a caption made only of the
/// padding token `vocabulary` (see `DiT.nullCondition(batch:)`).
public enum DiTCondition: Sendable, Equatable {
    case none
    /// One label per image, each in `0...count` (`count` is "no label").
    case labels([Int])
    /// `batch × length` token ids, row by row, each in `0...vocabulary` (`vocabulary` is padding / "no caption").
    case captions([Int])
}
