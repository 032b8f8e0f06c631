import FlowModels
import FlowNN
import FlowTensor

extension ExperimentRunner {
    /// Checks everything about `spec` that can be checked without running it, and reports every error at once.
    ///
    /// Beyond decoding (types, ranges, unknown keys), this builds each variant's and each stage's setup through
    /// `registry`: component names and options, how components fit together (a mixture path on a continuous
    /// modality, a loss that does not fit its modality, CFG on a joint flow), schedules, and memory; and for every
    /// `init: {stage: NAME}`, whether the stage's parameters fit the model that starts from them (both models are
    /// built, not trained). `flowlab run` calls it before `--print-config` prints anything and before a run folder
    /// exists, so a spec that cannot run fails at once.
    ///
    /// ```swift
    /// let spec = try ExperimentSpec.load(file: "Experiments/modecollapse.yaml", overrides: ["eval.metrics=[]"])
    /// try ExperimentRunner.validate(spec)   // x.yaml:..: eval.metrics: expected at least one metric; ...
    /// ```
    public static func validate(_ spec: ExperimentSpec, registry: ComponentRegistry = .standard) throws {
        let experiment = spec
        var collector = SpecErrorCollector()
        try collector.attempt { try registry.validate(spec) }
        let images = ModalitySetup.handles(spec, registry: registry)
        func setUp(_ spec: ExperimentSpec) throws {
            if let options = try objectiveOptions(of: spec, registry: registry) {
                try options.validate(spec: spec, registry: registry)
            } else if images {
                _ = try ModalitySetup(spec: spec, registry: registry)
            } else {
                _ = try FlowSetup(spec: spec, registry: registry)
            }
        }
        // The main models, each with the key path of its `init` for messages.
        var mainModels: [(spec: ExperimentSpec, initKeyPath: String)] = []
        if spec.variants.isEmpty {
            for problem in spec.train.problems(model: spec.model.name, in: spec.resolved["train"]) { collector.record(problem) }
            try collector.attempt { try setUp(spec) }
            for problem in frozenStageProblems(of: spec, in: experiment, keyPathPrefix: "", registry: registry) { collector.record(problem) }
            mainModels.append((spec, "init"))
        } else {
            for variant in spec.variants {
                guard let variantSpec = try collector.attempt({ try spec.variant(named: variant.name) }) else { continue }
                for problem in variantSpec.train.problems(model: variantSpec.model.name, in: variantSpec.resolved["train"]) {
                    collector.record(problem)
                }
                try collector.attempt { try setUp(variantSpec) }
                for problem in frozenStageProblems(of: variantSpec, in: experiment, keyPathPrefix: "", registry: registry) {
                    collector.record(problem)
                }
                mainModels.append((variantSpec, variant.partial["init"] == nil ? "init" : "variants.\(variant.name).init"))
            }
        }
        try validateStages(of: spec, mainModels: mainModels, registry: registry, into: &collector)
        try collector.throwIfAny()
    }

    /// Checks each stage like a spec of its own (errors named `stages.<name>.<key>`), and that every
    /// `init: {stage: NAME}` of a stage or a main model fits the stage's parameters.
    private static func validateStages(of spec: ExperimentSpec, mainModels: [(spec: ExperimentSpec, initKeyPath: String)],
                                       registry: ComponentRegistry, into collector: inout SpecErrorCollector) throws {
        guard !spec.stages.isEmpty else { return }
        var stageShapes: [String: [String: [Int]]] = [:]
        /// Records why the stage that `model`'s `init` names does not fit its parameters (built by `shapes`, whose
        /// errors the setup checks have reported already).
        func checkFit(_ model: ExperimentSpec, keyPath: String, shapes: () throws -> [String: [Int]]) {
            guard let initialization = model.initialization, let name = initialization.stage, let stage = stageShapes[name],
                  let own = try? shapes(),
                  let problem = CheckpointInitialization.fitProblem(model: own, stage: stage, prefix: initialization.prefix) else { return }
            collector.record(SpecError(location: model.resolved["init"]?.location ?? .generated, keyPath: keyPath,
                                       message: "the parameters of stage '\(name)' do not fit this model: \(problem)"))
        }
        for stage in spec.stages {
            let prefix = "stages.\(stage.name)"
            guard let stageSpec = try collector.attempt({ try spec.stage(named: stage.name) }) else { continue }
            for problem in stageSpec.train.problems(model: stageSpec.model.name, in: stageSpec.resolved["train"]) {
                try collector.attempt(keyPathPrefix: prefix) { throw problem }
            }
            guard let shapes = try collector.attempt(keyPathPrefix: prefix, { try parameterShapes(of: stageSpec, registry: registry) }) else {
                continue
            }
            checkFit(stageSpec, keyPath: prefix + ".init") { shapes }
            for problem in frozenStageProblems(of: stageSpec, in: spec, keyPathPrefix: prefix + ".", registry: registry) {
                collector.record(problem)
            }
            stageShapes[stage.name] = shapes
        }
        for (model, keyPath) in mainModels {
            checkFit(model, keyPath: keyPath) { try parameterShapes(of: model, registry: registry) }
        }
    }

    /// The options of `spec`'s model when it brings its own training objective, else nil.
    static func objectiveOptions(of spec: ExperimentSpec, registry: ComponentRegistry) throws -> (any ObjectiveModelOptions)? {
        try registry.make(Any.self, .model, from: spec.model) as? any ObjectiveModelOptions
    }

    /// The located errors of `spec`'s frozen stage references (a stage of the wrong kind or with other sizes), when
    /// its model loads any; `keyPathPrefix` says where the model is (`stages.t2i.` for a stage, empty for the main one).
    static func frozenStageProblems(of spec: ExperimentSpec, in experiment: ExperimentSpec, keyPathPrefix: String,
                                    registry: ComponentRegistry) -> [SpecError] {
        guard let user = (try? registry.make(Any.self, .model, from: spec.model)) as? any FrozenStageUser else { return [] }
        return user.frozenStageProblems(of: spec, in: experiment, keyPathPrefix: keyPathPrefix, registry: registry)
    }

    /// The parameter names and shapes of `spec`'s model, built with its setup (no training).
    static func parameterShapes(of spec: ExperimentSpec, registry: ComponentRegistry) throws -> [String: [Int]] {
        if let options = try objectiveOptions(of: spec, registry: registry) {
            return try options.parameterShapes(spec: spec, registry: registry)
        }
        var generator = RandomGenerator(seed: 0)
        let module: Module
        if ModalitySetup.handles(spec, registry: registry) {
            module = try ModalitySetup(spec: spec, registry: registry).makeNetwork(generator: &generator).module
        } else {
            module = MLPFlowModel(configuration: try FlowSetup(spec: spec, registry: registry).modelConfiguration, generator: &generator)
        }
        return module.stateDict().mapValues(\.shape)
    }
}

extension ExperimentRunner {
    /// Throws unless the run's `checkpoint.h5` (if any) was written with `spec`, checked before a resume touches the run.
    public static func checkCheckpoint(of run: RunDirectory, matches spec: ExperimentSpec) throws {
        try CheckpointFile.checkFingerprint(at: run.checkpointURL, acceptedFingerprints: [spec.fingerprint])
    }
}
