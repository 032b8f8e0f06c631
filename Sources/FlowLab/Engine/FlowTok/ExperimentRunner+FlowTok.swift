import FlowData
import FlowModels
import FlowTensor
import Foundation

extension ExperimentRunner {
    /// Runs a `flowtok` spec: its stages (tokenizer, text autoencoder, any `flowtok_i2t` image-to-text flows), then
    /// the text-to-image flow, sampled from test prompts at each CFG-indicator scale of `sample.guidance` (`cfg` with
    /// `scales`; default s = 2); every `flowtok_i2t` stage captions the same test images (configuration
    /// `<experiment>_<stage>`). All are scored by `eval.metrics`' evaluator suites as the captioned-image engine does
    /// (`shapes_i2t` reads the captions); returns false when a stop interrupted it.
    func runFlowTok(_ options: FlowTokOptions) throws -> Bool {
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
        var scales = [2.0]
        if let guidance = spec.sample.guidance, case .classifierFree(let values) = try registry.make(GuidanceChoice.self, .guidance, from: guidance) {
            scales = values
        }
        guard let stageCheckpoints = try runStages() else { return false }
        let stageSpecs = Dictionary(try spec.stages.map { ($0.name, try spec.stage(named: $0.name)) }, uniquingKeysWith: { first, _ in first })
        let encoder = try FlowTokText.encoder(length: data.captionLength)
        log.write(encoder.loadedDescription)
        try directory.recordPretrainedWeights(encoder.weightDigests)
        let count = spec.evaluation.samples
        var evaluations: [[String: [MetricValue]]] = []
        var allSamples: [[SampledImages]] = []
        var allReferences: [ReferenceExamples] = []
        for seed in spec.seeds.map(UInt64.init) {
            let frozen = FrozenStages(checkpoints: stageCheckpoints[Int(seed)] ?? [:], specs: stageSpecs)
            let key = spec.experiment + (spec.seeds.count > 1 ? "_seed\(seed)" : "")
            let model = try trainingModel(of: spec, key: key, seed: seed, stages: frozen)
            try restoreOrInitialize(model.state, spec: spec, modelKey: spec.experiment, stages: frozen.checkpoints)
            guard try train([(model.state, spec.train, model.objective)], checkpointing: [model.state]) else { return false }

            var unused = RandomGenerator(seed: 0)
            let sampling = try options.makeModel(spec: spec, data: data, generator: &unused)
            if let average = model.state.average { average.copy(into: sampling) } else { try sampling.loadStateDict(model.state.module.stateDict()) }
            let sampler = FlowTokSampler(model: sampling, tokenizer: try options.loadTokenizer(spec: spec, data: data, frozen: frozen, registry: registry),
                                         encoder: encoder, options: options, steps: spec.sample.steps, scales: scales, variant: spec.experiment)
            var promptGenerator = RandomGenerator(seed: seed, stream: "prompts")
            let prompts = try ReferenceExamples(source: data.test, rows: Array(0..<count), knowsScenes: data.shapes != nil,
                                                generator: &promptGenerator)
            let words = data.tokenizer.encodeBatch(prompts.prompts, length: data.captionLength)
            var samples = [try dataReference(data, seed: seed, prompted: true)]
            log.write("sampling \(spec.experiment) (seed \(seed))")
            for (name, scale, pixels) in try sampler.sample(prompts: prompts.prompts, seed: seed) {
                samples.append(SampledImages(name: name, variant: spec.experiment,
                                             method: "text to image from test prompts, Euler, \(spec.sample.steps) steps, CFG indicator s = \(FlowSampler.format(scale))",
                                             pixels: pixels, prompts: prompts.prompts, promptTokens: words, promptScenes: prompts.scenes))
            }
            samples.append(SampledImages(name: "\(spec.experiment)_reconstruction", variant: spec.experiment,
                                         method: "the test images through the frozen tokenizer (posterior mean, decoded): the ceiling of text to image",
                                         pixels: sampler.reconstructions(pixels: prompts.pixels, imageSize: data.imageSize),
                                         prompts: prompts.prompts, promptTokens: words, promptScenes: prompts.scenes))
            for stage in spec.stages {
                guard let stageSpec = stageSpecs[stage.name],
                      let i2t = try registry.make(Any.self, .model, from: stageSpec.model) as? FlowTokImageToTextOptions else { continue }
                samples.append(try flowTokCaptions(i2t, stage: stage.name, stageSpec: stageSpec, data: data, frozen: frozen, images: prompts))
                if stopRequested { return false }
            }
            var values: [String: [MetricValue]] = [:]
            for configuration in samples {
                let input = Self.evaluationInput(configuration, references: prompts, data: data)
                var metrics: [MetricValue] = []
                for suite in suites where suite.needs.isSubset(of: configuration.provides) {
                    guard let computed = try suite.evaluate(input, context: context) else { return false }
                    metrics += computed
                }
                values[configuration.name] = metrics
            }
            evaluations.append(values)
            allSamples.append(samples)
            allReferences.append(prompts)
        }
        if stopRequested { return false }
        try writeImageResults(samples: allSamples, references: allReferences, evaluations: evaluations, data: data)
        return true
    }

    /// The captions the image-to-text flow of stage `stage` (trained, options `options`, resolved spec `stageSpec`)
    /// makes of the test images of `images`, Euler with `sample.steps` steps, as a configuration of captions of
    /// those (not generated) images.
    private func flowTokCaptions(_ options: FlowTokImageToTextOptions, stage: String, stageSpec: ExperimentSpec, data: CaptionedImageData,
                                 frozen: FrozenStages, images: ReferenceExamples) throws -> SampledImages {
        var unused = RandomGenerator(seed: 0)
        let dit = try options.makeModel(spec: stageSpec, data: data, generator: &unused)
        try frozen.load(FrozenStageReference(stage: stage), option: stage, into: dit)
        dit.eval()
        let captioner = FlowTokCaptioner(dit: dit, tokenizer: try options.loadTokenizer(spec: stageSpec, data: data, frozen: frozen, registry: registry),
                                         decoder: try options.loadText(spec: stageSpec, data: data, frozen: frozen, registry: registry).decoder,
                                         latentScale: options.latentScale, steps: spec.sample.steps)
        let start = Date()
        let words = captioner.tokens(pixels: images.pixels, imageSize: data.imageSize)
        let seconds = Date().timeIntervalSince(start)
        log.write("captioned \(images.count) test images with stage \(stage) in \(String(format: "%.1f", seconds)) s (\(String(format: "%.0f", Double(images.count) / max(seconds, 1e-9))) images/s)")
        let length = data.captionLength
        let captions = (0..<images.count).map { data.tokenizer.decode(Array(words[($0 * length)..<(($0 + 1) * length)])) }
        return SampledImages(name: "\(spec.experiment)_\(stage)", variant: spec.experiment,
                             method: "image to text from test images (stage \(stage)): image tokens flow to text latents, Euler, \(spec.sample.steps) steps, text decoder argmax",
                             pixels: images.pixels, prompts: nil, promptTokens: nil, promptScenes: nil,
                             captions: captions, captionTokens: words, imagesGenerated: false)
    }
}
