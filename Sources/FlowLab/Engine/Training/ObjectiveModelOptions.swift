import FlowTensor

/// What one training step of a model computes from its state: the loss to minimise and named terms to log.
typealias TrainingObjective = (any TrainableState) throws -> (loss: Tensor, terms: [(String, Double)])

/// The options of a model that brings its own training objective, rather than the flow objective the engine derives
/// from `modalities:` (an image tokenizer's reconstruction loss, a text autoencoder's token loss, a flow between two
/// learned latent spaces).
///
/// The engine's ``ExperimentRunner/trainingModel(of:key:seed:streams:stages:)`` asks the model's options first;
/// validation calls ``validate(spec:registry:)`` instead of the captioned-image or toy setup checks. Frozen stages
/// the model loads are named through ``FrozenStageUser``.
protocol ObjectiveModelOptions: FrozenStageUser {
    /// Checks everything about `spec` (whose model these options are) that can be checked without training,
    /// throwing every located error together.
    func validate(spec: ExperimentSpec, registry: ComponentRegistry) throws
    /// The names and shapes of a fresh model's trained parameters (for `init:` fit checks).
    func parameterShapes(spec: ExperimentSpec, registry: ComponentRegistry) throws -> [String: [Int]]
    /// A fresh model of `spec` in training with its objective, its random streams named after `streams` (by
    /// default `key`), loading its frozen stages from `frozen`.
    func trainingModel(spec: ExperimentSpec, registry: ComponentRegistry, key: String, seed: UInt64, streams: String?,
                       frozen: FrozenStages) throws -> (state: any TrainableState, objective: TrainingObjective)
}
