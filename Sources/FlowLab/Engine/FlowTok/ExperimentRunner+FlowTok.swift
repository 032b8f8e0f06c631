import FlowData
import FlowModels
import FlowTensor
import Foundation

extension ExperimentRunner {
    /// Runs a `flowtok` spec: its stages (tokenizer, text autoencoder, any `flowtok_i2t` image-to-text flows), then
    /// the text-to-image flow of each variant (``FlowTokVariant``: variants that change only `sample:` share one
    /// trained model), sampled from test prompts at each CFG-indicator scale of its `sample.guidance` (`cfg` with
    /// `scales`; default s = 2; configurations `<variant>_s<scale>`) with a progress bar; every `flowtok_i2t` stage
    /// captions the same test images (configuration `<experiment>_<stage>`). All are scored by `eval.metrics`'
    /// evaluator suites as the captioned-image engine does (`shapes_i2t` reads the captions), plus each
    /// configuration's sampling throughput; returns false when a stop interrupted it. A resumed run restores every
    /// model (of every seed) from checkpoint.h5.
    func runFlowTok() throws -> Bool {
        let data = try CaptionedImageData.load(spec, registry: registry)
        let context = EvaluationContext(stages: stageCache, log: { [log] in log.write($0); ProgressReporter.standardError($0 + "\n") },
                                        progress: progress, stop: stop, threads: ComputeThreads.count, shapes: data.shapes)
        var suites: [any EvaluatorSuite] = []
        for component in spec.evaluation.metrics {
            guard var suite = try registry.make(Any.self, .metric, from: component) as? any EvaluatorSuite else {
                throw SpecError(location: component.location, keyPath: component.keyPath,
                                message: "metric '\(component.name)' is not an evaluator suite of images and captions")
            }
            try suite.prepare(context)
            suites.append(suite)
            if stopRequested { return false }
        }
        let variants = try variantSpecs().map { try FlowTokVariant(name: $0.name, spec: $0.spec, modelKey: $0.modelKey, registry: registry) }
        guard let stageCheckpoints = try runStages() else { return false }
        let stageSpecs = Dictionary(try spec.stages.map { ($0.name, try spec.stage(named: $0.name)) }, uniquingKeysWith: { first, _ in first })
        let imageToTextStages = try spec.stages.compactMap { stage -> (name: String, spec: ExperimentSpec, options: FlowTokImageToTextOptions)? in
            guard let stageSpec = stageSpecs[stage.name],
                  let options = try registry.make(Any.self, .model, from: stageSpec.model) as? FlowTokImageToTextOptions else { return nil }
            return (stage.name, stageSpec, options)
        }
        let encoder = try FlowTokText.encoder(length: data.captionLength)
        log.write(encoder.loadedDescription)
        try directory.recordPretrainedWeights(encoder.weightDigests)
        let count = spec.evaluation.samples
        var evaluations: [[String: [MetricValue]]] = []
        var allSamples: [[SampledImages]] = []
        var allReferences: [ReferenceExamples] = []
        for seed in spec.seeds.map(UInt64.init) {
            let frozen = FrozenStages(checkpoints: stageCheckpoints[Int(seed)] ?? [:], specs: stageSpecs)
            let suffix = spec.seeds.count > 1 ? "_seed\(seed)" : ""
            var models: [String: any TrainableState] = [:]
            var order: [(state: any TrainableState, settings: TrainSpec, objective: TrainingObjective)] = []
            for variant in variants where models[variant.modelKey] == nil {
                let model = try trainingModel(of: variant.spec, key: variant.modelKey + suffix, seed: seed, stages: frozen)
                try restoreOrInitialize(model.state, spec: variant.spec, modelKey: variant.modelKey, stages: frozen.checkpoints)
                models[variant.modelKey] = model.state
                order.append((model.state, variant.spec.train, model.objective))
            }
            let others = try otherSeedStates(variants, modelKey: \.modelKey, otherThan: seed) { variant, key, otherSeed in
                let stages = FrozenStages(checkpoints: stageCheckpoints[Int(otherSeed)] ?? [:], specs: stageSpecs)
                return try trainingModel(of: variant.spec, key: key, seed: otherSeed, stages: stages).state
            }
            guard try train(order, checkpointing: others + order.map(\.state)) else { return false }

            let samplers = try variants.map { variant in
                var unused = RandomGenerator(seed: 0)
                let sampling = try variant.options.makeModel(spec: variant.spec, data: data, generator: &unused)
                let state = models[variant.modelKey]!
                if let average = state.average { average.copy(into: sampling) } else { try sampling.loadStateDict(state.module.stateDict()) }
                return FlowTokSampler(model: sampling, tokenizer: try variant.options.loadTokenizer(spec: variant.spec, data: data, frozen: frozen, registry: registry),
                                      encoder: encoder, options: variant.options, steps: variant.spec.sample.steps, scales: variant.scales, variant: variant.name)
            }
            var promptGenerator = RandomGenerator(seed: seed, stream: "prompts")
            let prompts = try ReferenceExamples(source: data.test, rows: Array(0..<count), knowsScenes: data.shapes != nil,
                                                generator: &promptGenerator)
            let words = data.tokenizer.encodeBatch(prompts.prompts, length: data.captionLength)
            var samples = [try dataReference(data, seed: seed, prompted: true)]
            let captioners = try imageToTextStages.map { stage in
                (stage: stage, captioner: try flowTokCaptioner(stage.options, stage: stage.name, stageSpec: stage.spec, data: data, frozen: frozen))
            }
            let seedLabel = spec.seeds.count > 1 ? " (seed \(seed))" : ""
            let progress = self.progress.reportingEveryStep()
            progress.start(label: "sampling" + seedLabel,
                           totalSteps: samplers.map { $0.batches(count: count) }.reduce(0, +) + captioners.map { $0.captioner.batches(count: count) }.reduce(0, +),
                           samplesPerStep: samplers[0].batchSize)
            var done = 0
            func advance() {
                done += 1
                progress.update(label: "sampling" + seedLabel, step: done, loss: nil)
            }
            for sampler in samplers {
                log.write("sampling \(sampler.variant) (seed \(seed))")
                for (name, scale, pixels, seconds) in try sampler.sample(prompts: prompts.prompts, seed: seed, advance: advance) {
                    var configuration = SampledImages(name: name, variant: sampler.variant,
                                                      method: "text to image from test prompts, Euler, \(sampler.steps) steps, CFG indicator s = \(FlowSampler.format(scale))",
                                                      pixels: pixels, prompts: prompts.prompts, promptTokens: words, promptScenes: prompts.scenes)
                    configuration.samplingSeconds = seconds
                    samples.append(configuration)
                    log.write("sampled \(count) images of \(name) in \(String(format: "%.1f", seconds)) s (\(String(format: "%.1f", Double(count) / max(seconds, 1e-9))) images/s)")
                    if stopRequested { return false }
                }
            }
            let reconstructed = samplers[0].reconstructions(pixels: prompts.pixels, imageSize: data.imageSize)
            log.write("image tokens of the test images: standard deviation \(String(format: "%.4g", reconstructed.tokenStandardDeviation)) before latent_scale \(FlowSampler.format(samplers[0].options.latentScale)) (the flow's source, the projected text tokens, is drawn near unit scale)")
            samples.append(SampledImages(name: "\(spec.experiment)_reconstruction", variant: spec.experiment,
                                         method: "the test images through the frozen tokenizer (posterior mean, decoded): the ceiling of text to image",
                                         pixels: reconstructed.pixels, prompts: prompts.prompts, promptTokens: words, promptScenes: prompts.scenes))
            for (stage, captioner) in captioners {
                samples.append(flowTokCaptions(captioner, stage: stage.name, data: data, images: prompts, advance: advance))
                if stopRequested { return false }
            }
            progress.finish(label: "sampling" + seedLabel)
            guard var values = try evaluate(samples, count: count, seedLabel: seedLabel, context: context,
                                            input: { Self.evaluationInput($0, references: prompts, data: data) },
                                            suites: { _ in suites }) else { return false }
            values["\(spec.experiment)_reconstruction", default: []].append(
                .reconstructionPSNR(reconstructed.pixels, of: prompts.pixels, imageBytes: data.imageSize * data.imageSize * 3))
            evaluations.append(values)
            allSamples.append(samples)
            allReferences.append(prompts)
        }
        if stopRequested { return false }
        try writeImageResults(samples: allSamples, references: allReferences, evaluations: evaluations, data: data)
        return true
    }

    /// The captioner of the image-to-text flow of stage `stage` (trained, options `options`, resolved spec
    /// `stageSpec`): its DiT, the frozen tokenizer and text decoder it names, Euler with `sample.steps` steps.
    private func flowTokCaptioner(_ options: FlowTokImageToTextOptions, stage: String, stageSpec: ExperimentSpec, data: CaptionedImageData,
                                  frozen: FrozenStages) throws -> FlowTokCaptioner {
        var unused = RandomGenerator(seed: 0)
        let dit = try options.makeModel(spec: stageSpec, data: data, generator: &unused)
        try frozen.load(FrozenStageReference(stage: stage), option: stage, into: dit)
        dit.eval()
        return FlowTokCaptioner(dit: dit, tokenizer: try options.loadTokenizer(spec: stageSpec, data: data, frozen: frozen, registry: registry),
                                decoder: try options.loadText(spec: stageSpec, data: data, frozen: frozen, registry: registry).decoder,
                                latentScale: options.latentScale, steps: spec.sample.steps)
    }

    /// The captions `captioner` (stage `stage`) makes of the test images of `images`, as a configuration of captions of
    /// those (not generated) images with the seconds it took; `advance` is called after each batch.
    private func flowTokCaptions(_ captioner: FlowTokCaptioner, stage: String, data: CaptionedImageData, images: ReferenceExamples,
                                 advance: () -> Void) -> SampledImages {
        // One untimed image first (captioning is deterministic), so the time leaves out the first call's start-up.
        _ = captioner.tokens(pixels: Array(images.pixels.prefix(data.imageSize * data.imageSize * 3)), imageSize: data.imageSize)
        let start = Date()
        let words = captioner.tokens(pixels: images.pixels, imageSize: data.imageSize, advance: advance)
        let seconds = Date().timeIntervalSince(start)
        log.write("captioned \(images.count) test images with stage \(stage) in \(String(format: "%.1f", seconds)) s (\(String(format: "%.1f", Double(images.count) / max(seconds, 1e-9))) captions/s)")
        let length = data.captionLength
        let captions = (0..<images.count).map { data.tokenizer.decode(Array(words[($0 * length)..<(($0 + 1) * length)])) }
        var configuration = SampledImages(name: "\(spec.experiment)_\(stage)", variant: spec.experiment,
                                          method: "image to text from test images (stage \(stage)): image tokens flow to text latents, Euler, \(spec.sample.steps) steps, text decoder argmax",
                                          pixels: images.pixels, prompts: nil, promptTokens: nil, promptScenes: nil,
                                          captions: captions, captionTokens: words, imagesGenerated: false)
        configuration.samplingSeconds = seconds
        return configuration
    }
}
