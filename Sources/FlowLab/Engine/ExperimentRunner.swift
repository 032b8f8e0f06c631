import FlowHDF5
import FlowModels
import FlowTensor
import Foundation

/// Runs an experiment spec into a run folder: trains each variant's model (variants with the same training
/// settings share one), samples every configuration, evaluates, and writes samples, metrics, figure and report.
///
/// Running again on a folder that has a checkpoint continues from it (`flowlab run --resume`): training
/// resumes at the saved step with the saved optimizer state and random streams, so the final parameters and
/// metrics equal an uninterrupted run's with the same seed and thread count.
///
/// The spec's stages (`stages:`) run first (``StagePlan``): each is reused from `stageCache` or trained in the run
/// folder and stored there, and the main model starts from the one its `init: {stage: NAME}` names.
///
/// ```swift
/// let spec = try ExperimentSpec.load(file: "Experiments/modecollapse.yaml")
/// let run = try RunDirectory.create(resultsRoot: results, experiment: spec.experiment, resolvedYAML: spec.resolvedYAML)
/// let finished = try ExperimentRunner(spec: spec, run: run, log: try run.openLog(), progress: progress, stop: nil).run()
/// ```
public struct ExperimentRunner {
    let spec: ExperimentSpec
    let directory: RunDirectory
    let log: RunLog
    let progress: ProgressReporter
    let stop: StopSignal?
    let registry: ComponentRegistry
    /// Where finished stages (the spec's own and frozen evaluators) are stored and looked up.
    let stageCache: StageCache
    /// Stages to train again even when cached (`flowlab run --retrain`).
    let retrainStages: Set<String>
    /// Spec fingerprints a checkpoint may carry to be restored: this spec's, plus the one before a resume that
    /// extends training (``ExperimentSpec/fingerprint``).
    let acceptedFingerprints: Set<String>

    /// A runner of `spec` into `run`; `previousFingerprint` is the fingerprint of the spec the run's checkpoint was
    /// written with, when a resume changed the spec on purpose (a larger `train.steps`). Stages are looked up in and
    /// stored to `stageCache`; those named in `retrainStages` are trained again even when cached.
    public init(spec: ExperimentSpec, run: RunDirectory, log: RunLog, progress: ProgressReporter, stop: StopSignal?,
                registry: ComponentRegistry = .standard, previousFingerprint: String? = nil,
                stageCache: StageCache = .standard, retrainStages: Set<String> = []) {
        self.spec = spec
        self.directory = run
        self.log = log
        self.progress = progress
        self.stop = stop
        self.registry = registry
        self.stageCache = stageCache
        self.retrainStages = retrainStages
        acceptedFingerprints = Set([spec.fingerprint] + (previousFingerprint.map { [$0] } ?? []))
    }

    /// Whether a stop was requested (Ctrl-C, SIGTERM); polled inside every phase's loop.
    var stopRequested: Bool { stop?.stopRequested == true }

    /// One variant: its name, setup, and the variant whose trained model it uses.
    struct PlannedVariant {
        let name: String
        let setup: FlowSetup
        let modelKey: String
    }

    /// The variants to run (the spec itself, named after the experiment, when it has none).
    func plan() throws -> [PlannedVariant] {
        try variantSpecs().map { name, variantSpec, modelKey in
            PlannedVariant(name: name, setup: try FlowSetup(spec: variantSpec, registry: registry), modelKey: modelKey)
        }
    }

    /// Each variant's name, spec, and the name of the first variant with the same training settings, whose
    /// trained model it shares.
    func variantSpecs() throws -> [(name: String, spec: ExperimentSpec, modelKey: String)] {
        let variants = spec.variants.isEmpty ? [(spec.experiment, spec)] : try spec.variants.map { ($0.name, try spec.variant(named: $0.name)) }
        var keys: [String: String] = [:]
        return variants.map { name, variantSpec in
            let trainingText = variantSpec.resolved.removingKeys(["sample", "eval", "description", "variants", "sweep", "report"]).yamlText
            let key = keys[trainingText] ?? name
            keys[trainingText] = key
            return (name, variantSpec, key)
        }
    }

    /// Runs to the end; returns false when a stop signal interrupted training (a checkpoint was written).
    @discardableResult
    public func run() throws -> Bool {
        if try registry.make(Any.self, .model, from: spec.model) is FlowTokOptions { return try runFlowTok() }
        if ModalitySetup.handles(spec, registry: registry) { return try runCaptionedImages() }
        let variants = try plan()
        guard let stageCheckpoints = try runStages() else { return false }
        let seeds = spec.seeds.map(UInt64.init)
        var evaluations: [[String: [MetricValue]]] = []
        var firstSeedSamples: [SampledConfiguration] = []
        var firstSeedData: (points: [Float], labels: [Int]) = ([], [])
        for (seedIndex, seed) in seeds.enumerated() {
            guard let trained = try trainModels(variants, seed: seed, seedCount: seeds.count,
                                                stages: stageCheckpoints[Int(seed)] ?? [:]) else {
                return false
            }
            let dataset = variants[0].setup.dataset
            var dataGenerator = RandomGenerator(seed: seed, stream: "heldout")
            let heldOut = dataset.sample(spec.evaluation.samples, generator: &dataGenerator)
            var promptGenerator = RandomGenerator(seed: seed, stream: "prompts")
            let prompts = dataset.prompts(spec.evaluation.samples, generator: &promptGenerator)
            let evaluation = ModeCollapseEvaluation(dataset: dataset, dataPoints: heldOut.points, dataLabels: heldOut.labels, seed: seed)

            var referenceGenerator = RandomGenerator(seed: seed, stream: "reference")
            let reference = dataset.sample(spec.evaluation.samples, generator: &referenceGenerator)
            var samples = [SampledConfiguration(name: "data_reference", variant: "data", points: reference.points,
                                                condition: reference.labels, finalLabels: nil,
                                                method: "a second independent draw of real data: the noise floor of every metric")]
            let seedLabel = seeds.count > 1 ? " (seed \(seed))" : ""
            let progress = self.progress.reportingEveryStep()
            let samplers = variants.map { FlowSampler(setup: $0.setup, variant: $0.name, stop: stop) }
            let configurationCount = samplers.map(\.configurationNames.count).reduce(0, +)
            progress.start(label: "sampling" + seedLabel, totalSteps: configurationCount, samplesPerStep: spec.evaluation.samples)
            for (variant, sampler) in zip(variants, samplers) {
                log.write("sampling \(variant.name) (seed \(seed))")
                let model = trained[variant.modelKey]!.samplingModel(setup: variant.setup)
                samples += sampler.sample(model: model, prompts: prompts, seed: seed)
                if stopRequested { return false }
                progress.update(label: "sampling" + seedLabel, step: samples.count - 1, loss: nil)
            }
            progress.finish(label: "sampling" + seedLabel)
            var values: [String: [MetricValue]] = [:]
            progress.start(label: "evaluating" + seedLabel, totalSteps: samples.count, samplesPerStep: spec.evaluation.samples)
            for (index, configuration) in samples.enumerated() {
                let metrics = variants.first { $0.name == configuration.variant }?.setup.metrics ?? variants[0].setup.metrics
                guard let evaluated = evaluation.evaluate(configuration, metrics: metrics, stop: stop) else { return false }
                values[configuration.name] = evaluated
                progress.update(label: "evaluating" + seedLabel, step: index + 1, loss: nil)
            }
            progress.finish(label: "evaluating" + seedLabel)
            evaluations.append(values)
            if seedIndex == 0 {
                firstSeedSamples = samples
                firstSeedData = heldOut
            }
        }
        if stopRequested { return false }
        try writeSamples(firstSeedSamples, data: firstSeedData, dataset: variants[0].setup.dataset)
        try EvaluationFile.write(evaluations, configurations: firstSeedSamples.map { ($0.name, $0.method) }, seeds: spec.seeds,
                                 specFingerprint: spec.fingerprint, to: directory.metricsURL)
        try ExperimentReport(spec: spec, directory: directory, variants: variants, samples: firstSeedSamples,
                             evaluations: evaluations, dataset: variants[0].setup.dataset).write()
        log.write("wrote samples.h5, metrics.h5, \(spec.experiment).png and report.md")
        return true
    }

    /// Trains (or restores) every distinct model, starting from `stages` (stage name → checkpoint) where `init:` says;
    /// nil when interrupted.
    private func trainModels(_ variants: [PlannedVariant], seed: UInt64, seedCount: Int,
                             stages: [String: URL]) throws -> [String: TrainingState]? {
        var states: [String: TrainingState] = [:]
        var order: [(TrainingState, FlowSetup)] = []
        let suffix = seedCount > 1 ? "_seed\(seed)" : ""
        for variant in variants where states[variant.modelKey] == nil {
            let state = TrainingState(key: variant.modelKey + suffix, setup: variant.setup, seed: seed)
            try restoreOrInitialize(state, spec: variant.setup.spec, modelKey: variant.modelKey, stages: stages)
            states[variant.modelKey] = state
            order.append((state, variant.setup))
        }
        let others = try otherSeedStates(variants, modelKey: \.modelKey, otherThan: seed) { variant, key, otherSeed in
            TrainingState(key: key, setup: variant.setup, seed: otherSeed)
        }
        let allStates = others + order.map { $0.0 as any TrainableState }
        guard try train(order.map { state, setup in (state, setup.spec.train, { _ in setup.loss(state) }) }, checkpointing: allStates) else {
            return nil
        }
        return states
    }

    /// Restores `state` from the run's checkpoint, or else starts it from `spec`'s `init:` (a checkpoint file, or a
    /// stage found in `stages`: stage name → its checkpoint) when it has one.
    func restoreOrInitialize(_ state: any TrainableState, spec: ExperimentSpec, modelKey: String, stages: [String: URL] = [:]) throws {
        guard try !restore(state, steps: spec.train.steps), let initialization = spec.initialization else { return }
        try CheckpointInitialization.apply(initialization, to: state, modelKey: modelKey, stageCheckpoints: stages)
        log.write("initialised \(state.key) from \(initialization.summary)")
    }

    /// Restores `state` from the run's checkpoint when it holds it (reopening a finished model when a resume
    /// raised `train.steps` to `steps`); returns whether it did.
    func restore(_ state: any TrainableState, steps: Int) throws -> Bool {
        guard try CheckpointFile.restore(state, from: directory.checkpointURL, acceptedFingerprints: acceptedFingerprints) else {
            return false
        }
        log.write("restored \(state.key) at step \(state.step) from checkpoint.h5")
        if state.completed, state.step < steps {
            // A resume with a larger train.steps continues a finished model.
            state.completed = false
            log.write("extending \(state.key) from \(state.step) to \(steps) steps")
        }
        return true
    }

    /// Trains each model that is not complete, in order, logging its curves to `metrics.h5` and writing
    /// `checkpoint.h5` (holding every model of `checkpointing`) at its intervals; false when interrupted.
    ///
    /// A stage checkpoints to its own file instead: `checkpointURL`, recording `fingerprint` (its key) and
    /// `experiment` (its name).
    func train(_ models: [(state: any TrainableState, settings: TrainSpec,
                           objective: (any TrainableState) throws -> (loss: Tensor, terms: [(String, Double)]))],
               checkpointing allStates: [any TrainableState],
               to checkpointURL: URL? = nil, fingerprint: String? = nil, experiment: String? = nil) throws -> Bool {
        let metrics = TrainingMetrics(url: directory.metricsURL)
        let checkpointURL = checkpointURL ?? directory.checkpointURL
        for (state, settings, objective) in models {
            try metrics.truncate(model: state.key, afterStep: state.step)
            if state.completed { continue }
            log.write("training \(state.key): \(settings.steps) steps of \(settings.batchSize), \(state.module.parameterCount) parameters")
            let trainer = FlowTrainer(
                settings: settings,
                objective: objective,
                record: { step, values in try metrics.append(model: state.key, step: step, values: values) },
                checkpoint: {
                    try CheckpointFile.write(allStates, to: checkpointURL, experiment: experiment ?? spec.experiment,
                                             specFingerprint: fingerprint ?? spec.fingerprint)
                    log.write("checkpoint \(state.key) at step \(state.step)")
                },
                progress: progress, stop: stop)
            guard try trainer.train(state) else { return false }
        }
        return true
    }

    /// The models of every seed but `seed` that checkpoint.h5 holds (one per distinct `modelKey` of `variants`; `make`
    /// builds a variant's model under a checkpoint key for a seed), restored from it. checkpoint.h5 is rewritten whole,
    /// so every runner passes these along when it trains one seed: a resume then neither trains the earlier seeds again
    /// nor, when it extends a finished run, restarts the later ones from scratch.
    func otherSeedStates<Variant>(_ variants: [Variant], modelKey: (Variant) -> String, otherThan seed: UInt64,
                                  make: (Variant, _ key: String, _ seed: UInt64) throws -> any TrainableState) throws -> [any TrainableState] {
        guard FileManager.default.fileExists(atPath: directory.checkpointURL.path) else { return [] }
        var states: [any TrainableState] = []
        for otherSeed in spec.seeds.map(UInt64.init) where otherSeed != seed {
            var seen: Set<String> = []
            for variant in variants where seen.insert(modelKey(variant)).inserted {
                let state = try make(variant, "\(modelKey(variant))_seed\(otherSeed)", otherSeed)
                if try CheckpointFile.restore(state, from: directory.checkpointURL, acceptedFingerprints: acceptedFingerprints) {
                    states.append(state)
                }
            }
        }
        return states
    }

    private func writeSamples(_ samples: [SampledConfiguration], data: (points: [Float], labels: [Int]),
                              dataset: GaussianGridDataset) throws {
        try HDF5File.writeAtomically(to: directory.samplesURL) { file in
            let count = data.labels.count
            try file.write(data.points, shape: [count, 2], to: "/data/points")
            try file.write(data.labels.map(Int32.init), to: "/data/labels")
            for configuration in samples where configuration.name != "data_reference" {
                let group = "/\(configuration.name)"
                try file.write(configuration.points, shape: [configuration.condition.count, 2], to: "\(group)/points")
                try file.write(configuration.condition.map(Int32.init), to: "\(group)/condition")
                if let final = configuration.finalLabels {
                    try file.write(final.map(Int32.init), to: "\(group)/labels")
                }
                try file.setAttribute("method", .string(configuration.method), at: group)
            }
            try file.setAttribute("radius", .double(dataset.mixture.radius))
            try file.setAttribute("variance", .double(dataset.mixture.variance))
            try file.setAttribute("modes", .int(dataset.mixture.modes))
            try file.setAttribute("grid_bounds", .doubles([dataset.grid.lower, dataset.grid.upper]))
            try file.setAttribute("cells_per_side", .int(dataset.grid.cellsPerSide))
            try file.setAttribute("seed", .int(spec.seeds[0]))
        }
    }
}
