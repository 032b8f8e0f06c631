/// A model option that names a stage of the spec whose trained network the model loads frozen, e.g.
/// `model.tokenizer: {stage: tokenizer}` or `model.teacher: {stage: teacher}`.
///
/// The stage runs first (``StageGraph`` orders it and reports a missing or later stage), its key is part of the
/// referring stage's cache key (``StageConfiguration``), and its weight average (its parameters when it keeps none)
/// is loaded through ``FrozenStages``; the frozen network is neither optimised nor checkpointed with the model.
///
/// ```yaml
/// model:
///   name: flowtok
///   tokenizer: {stage: tokenizer}
/// ```
public struct FrozenStageReference: Decodable, Sendable, Equatable {
    /// The referenced stage's name.
    public var stage: String

    /// A reference to stage `stage`.
    public init(stage: String) {
        self.stage = stage
    }
}
