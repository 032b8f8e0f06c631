import FlowData
import FlowTensor
import Foundation

extension ExperimentRunner {
    /// One variant of a captioned-image experiment: its name, setup, and the variant whose trained model it uses.
    struct PlannedImageVariant {
        let name: String
        let setup: ModalitySetup
        let modelKey: String
    }

    /// The variants to run (the spec itself, named after the experiment, when it has none); variants whose
    /// training settings are equal share one model, and variants with the same text encoder share it (and its cache).
    func planImageVariants() throws -> [PlannedImageVariant] {
        var planned: [PlannedImageVariant] = []
        for (name, variantSpec, modelKey) in try variantSpecs() {
            let setup = try ModalitySetup(spec: variantSpec, registry: registry, sharingTextEncoderWith: planned.map(\.setup))
            planned.append(PlannedImageVariant(name: name, setup: setup, modelKey: modelKey))
        }
        return planned
    }

    /// The distinct frozen text encoders of `variants`, in order.
    private func textEncoders(_ variants: [PlannedImageVariant]) -> [FrozenTextEncoder] {
        var encoders: [FrozenTextEncoder] = []
        for case let encoder? in variants.map(\.setup.textEncoder) where !encoders.contains(where: { $0 === encoder }) {
            encoders.append(encoder)
        }
        return encoders
    }

    /// Trains, samples and evaluates a captioned-image spec (`data: shapes | hdf5`); returns false when a stop
    /// signal interrupted it (a checkpoint was written).
    ///
    /// Evaluator suites are prepared first, so a missing weight file or an evaluator that must be trained once is
    /// dealt with before any model trains; then a frozen text encoder is loaded, and the SHA-256 of its weight files
    /// goes to the log and to `provenance.json` (`pretrained_weights`).
    func runCaptionedImages() throws -> Bool {
        let variants = try planImageVariants()
        let data = variants[0].setup.data
        let context = EvaluationContext(stages: stageCache, log: { [log] in log.write($0); ProgressReporter.standardError($0 + "\n") },
                                        progress: progress, stop: stop, threads: ComputeThreads.count, shapes: data.shapes)
        var suites: [String: any EvaluatorSuite] = [:]
        for variant in variants {
            for var suite in variant.setup.suites where suites[suite.name] == nil {
                try suite.prepare(context)
                suites[suite.name] = suite
                if stopRequested { return false }
            }
        }
        let encoders = textEncoders(variants)
        for encoder in encoders {
            try encoder.load()
            log.write(encoder.loadedDescription)
            try directory.recordPretrainedWeights(encoder.weightDigests)
        }
        guard let stageCheckpoints = try runStages() else { return false }
        let count = spec.evaluation.samples
        var evaluations: [[String: [MetricValue]]] = []
        var allSamples: [[SampledImages]] = []
        var allReferences: [ReferenceExamples] = []
        for seed in spec.seeds.map(UInt64.init) {
            guard let trained = try trainImageModels(variants, seed: seed,
                                                     stages: stageCheckpoints[Int(seed)] ?? [:]) else { return false }
            var promptGenerator = RandomGenerator(seed: seed, stream: "prompts")
            let prompts = try ReferenceExamples(source: data.test, rows: Array(0..<count), knowsScenes: data.shapes != nil,
                                                generator: &promptGenerator)
            var samples = [try dataReference(data, seed: seed, prompted: variants[0].setup.prompted)]
            let seedLabel = spec.seeds.count > 1 ? " (seed \(seed))" : ""
            let samplers = variants.map { sampler(for: $0) }
            let progress = self.progress.reportingEveryStep()
            let batches = samplers.map { $0.batches(count: count) }.reduce(0, +)
            progress.start(label: "sampling" + seedLabel, totalSteps: batches, samplesPerStep: samplers[0].batchSize)
            var done = 0
            var likelihoods: [String: CaptionLikelihood] = [:]
            for (variant, sampler) in zip(variants, samplers) {
                log.write("sampling \(variant.name) (seed \(seed))")
                let network = try trained[variant.modelKey]!.samplingNetwork(setup: variant.setup)
                if variant.setup.generatedCaption != nil {
                    likelihoods[variant.name] = CaptionLikelihood(setup: variant.setup, network: network)
                }
                guard let sampled = try sampler.sample(network: network, prompts: prompts, seed: seed, advance: {
                    done += 1
                    progress.update(label: "sampling" + seedLabel, step: done, loss: nil)
                }) else { return false }
                samples += sampled
            }
            progress.finish(label: "sampling" + seedLabel)
            // A suite scores the configurations that have what it needs (image to text has no generated images, the
            // data reference no generated captions); ModalitySetup checks that the variant's own have.
            guard let values = try evaluate(samples, count: count, seedLabel: seedLabel, context: context,
                                            input: { Self.evaluationInput($0, references: prompts, data: data,
                                                                          captionLikelihood: likelihoods[$0.variant]) },
                                            suites: { configuration in
                                                let setup = variants.first { $0.name == configuration.variant }?.setup ?? variants[0].setup
                                                return setup.suites.map { suites[$0.name]! }
                                            }) else { return false }
            evaluations.append(values)
            allSamples.append(samples)
            allReferences.append(prompts)
        }
        if stopRequested { return false }
        for encoder in encoders { log.write(encoder.summary) }
        try writeImageResults(samples: allSamples, references: allReferences, evaluations: evaluations, data: data)
        return true
    }

    /// The sampler of `variant`: the joint one for a model that generates captions, else text to image with CFG.
    private func sampler(for variant: PlannedImageVariant) -> any CaptionedImageSampler {
        if variant.setup.generatedCaption != nil {
            return JointImageCaptionSampler(setup: variant.setup, variant: variant.name, stop: stop)
        }
        return TextToImageSampler(setup: variant.setup, variant: variant.name, stop: stop)
    }

    /// A second draw of real images (training rows, seeded): the noise floor of every metric, with its own captions
    /// as prompts when the experiment is prompted.
    func dataReference(_ data: CaptionedImageData, seed: UInt64, prompted: Bool) throws -> SampledImages {
        var generator = RandomGenerator(seed: seed, stream: "reference")
        let rows = generator.permutation(data.train.count).prefix(spec.evaluation.samples)
        let examples = try ReferenceExamples(source: data.train, rows: Array(rows),
                                             knowsScenes: data.shapes != nil, generator: &generator)
        return SampledImages(name: "data_reference", variant: "data",
                             method: "real training images with one of their own captions as the prompt: the noise floor (and ceiling) of every metric",
                             pixels: examples.pixels, prompts: prompted ? examples.prompts : nil,
                             promptTokens: prompted ? data.tokenizer.encodeBatch(examples.prompts, length: data.captionLength) : nil,
                             promptScenes: prompted ? examples.scenes : nil)
    }

    /// Trains (or restores) every distinct model of one seed, starting from `stages` (stage name → checkpoint) where
    /// `init:` says; nil when interrupted.
    private func trainImageModels(_ variants: [PlannedImageVariant], seed: UInt64,
                                  stages: [String: URL]) throws -> [String: ModalityTrainingState]? {
        let suffix = spec.seeds.count > 1 ? "_seed\(seed)" : ""
        var states: [String: ModalityTrainingState] = [:]
        var order: [(ModalityTrainingState, ModalitySetup)] = []
        for variant in variants where states[variant.modelKey] == nil {
            let state = try ModalityTrainingState(key: variant.modelKey + suffix, setup: variant.setup, seed: seed,
                                                  frozen: FrozenStages(checkpoints: stages))
            try restoreOrInitialize(state, spec: variant.setup.spec, modelKey: variant.modelKey, stages: stages)
            states[variant.modelKey] = state
            order.append((state, variant.setup))
        }
        let others = try otherSeedStates(variants, modelKey: \.modelKey, otherThan: seed) { variant, key, otherSeed in
            try ModalityTrainingState(key: key, setup: variant.setup, seed: otherSeed)
        }
        let allStates = others + order.map { $0.0 as any TrainableState }
        guard try train(order.map { state, setup in (state, setup.spec.train, { _ in try setup.loss(state) }) }, checkpointing: allStates) else {
            return nil
        }
        return states
    }
}
