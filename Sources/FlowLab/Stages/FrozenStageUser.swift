/// The options of a model that loads trained stages frozen (``FrozenStageReference`` options).
///
/// Validation checks each reference before anything trains: ``StageGraph`` reports a missing stage or one that
/// comes later (its ``StageGraph/referenceKeyPaths`` list `model.<option>.stage`), and ``problem(option:stage:registry:)``
/// a stage of the wrong kind or with mismatched shapes, as a located error at `model.<option>.stage`.
protocol FrozenStageUser: Sendable {
    /// The stages the model loads frozen, by option name (`tokenizer` for `model.tokenizer: {stage: NAME}`).
    var frozenStages: [String: FrozenStageReference] { get }
    /// Why stage `stage` (its resolved spec) cannot serve as option `option`, saying how to fix it; nil when it can.
    func problem(option: String, stage: ExperimentSpec, registry: ComponentRegistry) -> String?
}

extension FrozenStageUser {
    /// The located errors of every frozen reference of `spec`'s model (whose options these are), `keyPathPrefix`
    /// naming where the model is (`stages.t2i.` or empty); references to stages the spec lacks are left to ``StageGraph``.
    func frozenStageProblems(of spec: ExperimentSpec, in experiment: ExperimentSpec, keyPathPrefix: String,
                             registry: ComponentRegistry) -> [SpecError] {
        var errors: [SpecError] = []
        for (option, reference) in frozenStages.sorted(by: { $0.key < $1.key }) {
            guard experiment.stages.contains(where: { $0.name == reference.stage }),
                  let stage = try? experiment.stage(named: reference.stage),
                  let problem = problem(option: option, stage: stage, registry: registry) else { continue }
            let node = spec.resolved["model"]?[option]?["stage"] ?? spec.resolved["model"]?[option]
            errors.append(SpecError(location: node?.location ?? spec.model.location,
                                    keyPath: keyPathPrefix + spec.model.keyPath + ".\(option).stage",
                                    message: "stage '\(reference.stage)' cannot serve as \(option): \(problem)"))
        }
        return errors
    }
}
