/// A whole experiment, typed and validated: what to train, how, and how to sample and evaluate it.
///
/// Load one with ``load(file:overrides:)``. Each property's documentation names its YAML key
/// (snake_case) and its allowed range.
/// Two specs are equal when their values are equal, wherever they were written.
public struct ExperimentSpec: Sendable, Equatable {
    /// The experiment's name (`experiment`), letters, digits, `_` and `-`.
    public var experiment: String
    /// Seeds to run (`seeds`), a non-empty list of non-negative integers.
    public var seeds: [Int]
    /// Compute threads (`threads`), > 0; nil: all cores.
    public var threads: Int?
    /// Free text (`description`).
    public var description: String?
    /// Component of kind `dataset` (`data`).
    public var data: ComponentSpec
    /// Component of kind `model` (`model`).
    public var model: ComponentSpec
    /// The modalities, in the order written (`modalities`), at least one.
    public var modalities: [ModalitySpec]
    /// Components of kind `alignment` (`alignment`); empty when not written.
    public var alignment: [ComponentSpec]
    /// Training settings (`train`).
    public var train: TrainSpec
    /// Sampling settings (`sample`).
    public var sample: SampleSpec
    /// Evaluation settings (`eval`).
    public var evaluation: EvalSpec
    /// Initialise from a checkpoint or a stage (`init`); nil: from scratch.
    public var initialization: InitSpec?
    /// Training runs before the main model (`stages`), in the order written; resolve one with ``stage(named:)``.
    public var stages: [StageSpec]
    /// Named sub-runs (`variants`), in the order written; apply one with ``variant(named:)``.
    public var variants: [VariantSpec]
    /// Sweep axes (`sweep`), in the order written.
    public var sweep: [SpecSweepAxis]
    /// What the reports of its sweeps add (`report`): ablation sub-tables over the sweep's axes.
    public var report: ReportSpec
    /// The node this spec was decoded from: after `extends:` and overrides, before variants.
    /// Its ``SpecNode/yamlText`` is `resolved.yaml`.
    public var resolved: SpecNode
}
