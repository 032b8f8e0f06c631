/// A named stage (a key under `stages:`): a training run whose partial spec is deep-merged over the experiment's
/// training settings; later stages and the main model start from it with `init: {stage: NAME}`.
///
/// ```yaml
/// stages:
///   pretrain:                 # the experiment's data, model and objective, with these changes
///     train: {steps: 2000}
///     data: {objects: 1}
/// init: {stage: pretrain}     # the main model warm-starts from it
/// ```
public struct StageSpec: Sendable, Equatable {
    /// The stage's name (its key under `stages:`).
    public var name: String
    /// The partial spec (a mapping, possibly empty).
    public var partial: SpecNode
}
