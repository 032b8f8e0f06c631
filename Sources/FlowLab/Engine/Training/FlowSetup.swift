import FlowModels
import FlowMatching
import FlowTensor

/// Everything one variant needs to train and sample, built from its spec through the registry.
///
/// The engine runs the family of CrossFlows' toy experiments: one continuous modality of points and at most
/// one discrete modality of tokens, which the flow either generates (joint flow) or reads as a condition
/// (the conventional conditional flow).
struct FlowSetup {
    /// The continuous modality: an affine path from Gaussian noise.
    struct ContinuousModality {
        let name: String
        let path: AffineProbabilityPath
        let weight: Double
    }

    let spec: ExperimentSpec
    let dataset: GaussianGridDataset
    let continuous: ContinuousModality
    /// The generated discrete modality (joint flow), or nil when the label is a condition.
    let discrete: GeneratedDiscreteModality?
    /// The name of the conditioning modality when the label only conditions the velocity.
    let conditionName: String?
    let timeSampler: TimeSampler
    let modelOptions: MLPFlowOptions
    let solver: SolverChoice
    let guidance: GuidanceChoice
    let metrics: [ToyMetric]

    /// Builds the setup of `spec`, with errors that name the spec key at fault.
    init(spec: ExperimentSpec, registry: ComponentRegistry = .standard) throws {
        self.spec = spec
        try registry.validate(spec)
        if let first = spec.alignment.first {
            throw SpecError(location: first.location, keyPath: "alignment",
                            message: "alignment terms (REPA, HASTE) need an image model; the point-and-label engine has none, so leave alignment empty")
        }
        dataset = try registry.make(GaussianGridDataset.self, .dataset, from: spec.data)
        modelOptions = try registry.make(MLPFlowOptions.self, .model, from: spec.model)

        let continuousSpecs = spec.modalities.filter { $0.kind == .continuous }
        let discreteSpecs = spec.modalities.filter { $0.kind == .discrete }
        guard continuousSpecs.count == 1, discreteSpecs.count <= 1, continuousSpecs[0].role == .generated,
              discreteSpecs.allSatisfy({ $0.role != .source }) else {
            throw SpecError(location: spec.resolved["modalities"]?.location ?? .generated, keyPath: "modalities",
                            message: "model '\(spec.model.name)' and dataset '\(spec.data.name)' need one generated continuous modality (the points) and at most one discrete modality (the label), generated or a condition")
        }
        let point = continuousSpecs[0].flow!
        // Independent checks of how the components fit together: every failure is reported, not just the first.
        var collector = SpecErrorCollector()
        let (pointPath, ownPointProbability) = try ContinuousFlowRules.check(point, registry: registry, into: &collector)
        if ownPointProbability > 0 {
            collector.record(SpecError(location: point.source.location, keyPath: point.source.keyPath,
                                       message: "the point-and-label engine starts points from 'gaussian' only ('cross_guidance' on a continuous modality is for a joint image-caption model)"))
        }
        var generatedLabel: GeneratedDiscreteModality?
        if let label = discreteSpecs.first, label.role == .generated {
            generatedLabel = try DiscreteFlowRules.check(label, registry: registry, into: &collector)
        }
        try collector.throwIfAny()
        continuous = ContinuousModality(
            name: continuousSpecs[0].name,
            path: pointPath,
            weight: continuousSpecs[0].weight)

        let pointTimeSampler = continuousSpecs[0].timeSampler
        var sampler = try pointTimeSampler.map { try registry.make(TimeSampler.self, .timeSampler, from: $0) } ?? .uniform
        if let label = discreteSpecs.first, label.role == .generated {
            discrete = generatedLabel
            conditionName = nil
            // Both modalities share t (CrossFlows); the discrete loss diverges at t = 1, so its sampler wins.
            if let labelSampler = label.timeSampler {
                if let pointSampler = pointTimeSampler {
                    throw SpecError(location: pointSampler.location, keyPath: pointSampler.keyPath,
                                    message: "both modalities share one time t; give time_sampler on one modality only (the label's is used when the label is generated)")
                }
                sampler = try registry.make(TimeSampler.self, .timeSampler, from: labelSampler)
            }
        } else {
            discrete = nil
            conditionName = discreteSpecs.first?.name
        }
        timeSampler = sampler

        if let problem = spec.train.problems(model: spec.model.name, in: spec.resolved["train"]).first { throw problem }

        guard spec.train.optimizer.betas.0 >= 0, spec.train.optimizer.betas.0 < 1,
              spec.train.optimizer.betas.1 >= 0, spec.train.optimizer.betas.1 < 1 else {
            throw SpecError(location: spec.resolved["train"]?["optimizer"]?.location ?? .generated, keyPath: "train.optimizer.betas",
                            message: "AdamW needs both betas in [0, 1)")
        }
        solver = try registry.make(SolverChoice.self, .solver, from: spec.sample.solver)
        guard let guidanceSpec = spec.sample.guidance else {
            throw SpecError(location: spec.resolved["sample"]?.location ?? .generated, keyPath: "sample.guidance",
                            message: "missing required key 'guidance' (cfg, cross, frozen_prompt or unconditional)")
        }
        guidance = try registry.make(GuidanceChoice.self, .guidance, from: guidanceSpec)
        switch (guidance, discrete == nil) {
        case (.classifierFree, false):
            throw SpecError(location: guidanceSpec.location, keyPath: guidanceSpec.keyPath,
                            message: "'cfg' guides a flow conditioned on the label; this variant generates the label (use 'cross' with cfg_scale, or set the label's role: condition)")
        case (.imageToText, _):
            throw SpecError(location: guidanceSpec.location, keyPath: guidanceSpec.keyPath,
                            message: "'image_to_text' captions images; the point-and-label engine has none (use 'cross', 'frozen_prompt' or 'unconditional')")
        case (.inpainting, _):
            throw SpecError(location: guidanceSpec.location, keyPath: guidanceSpec.keyPath,
                            message: "'inpaint' cuts a region out of images; the point-and-label engine has none (use 'cross', 'frozen_prompt' or 'unconditional')")
        case (.crossGuidance, true), (.frozenPrompt, true), (.unconditional, true):
            throw SpecError(location: guidanceSpec.location, keyPath: guidanceSpec.keyPath,
                            message: "'\(guidanceSpec.name)' samples a joint flow, but no discrete modality is generated")
        default: break
        }
        metrics = try spec.evaluation.metrics.map { try registry.make(ToyMetric.self, .metric, from: $0) }
        try checkMemory()
    }

    /// Throws, naming the model's width, when the largest batch would not fit in half the machine's memory.
    private func checkMemory() throws {
        let estimate = ResourceEstimate(rows: Swift.max(spec.train.batchSize, spec.evaluation.samples),
                                        width: Swift.max(modelOptions.hiddenWidth, modelOptions.timeFeatures, modelOptions.tokenFeatures),
                                        depth: modelOptions.depth)
        guard estimate.bytes <= ResourceEstimate.budget else {
            let widthNode = spec.model.options["hidden_width"]
            throw SpecError(location: widthNode?.location ?? spec.model.location, keyPath: spec.model.keyPath + ".hidden_width",
                            message: "model width \(modelOptions.hiddenWidth) x depth \(modelOptions.depth) with \(estimate.rows) rows at once (max of train.batch_size and eval.samples) needs about \(ResourceEstimate.gigabytes(estimate.bytes)), more than half of this machine's memory (\(ResourceEstimate.gigabytes(2 * ResourceEstimate.budget))); make them smaller")
        }
    }

    /// The model's configuration for this data and these modalities.
    var modelConfiguration: MLPFlowModel.Configuration {
        let vocabulary = dataset.labelCount
        let tokenVocabulary = discrete?.stateVocabulary(dataVocabulary: vocabulary) ?? vocabulary
        return MLPFlowModel.Configuration(
            pointDimension: dataset.pointDimension, tokensPerRow: 1, tokenVocabulary: tokenVocabulary,
            outputVocabulary: tokenVocabulary, generatesTokens: discrete != nil, hiddenWidth: modelOptions.hiddenWidth,
            depth: modelOptions.depth, timeFeatures: modelOptions.timeFeatures, tokenFeatures: modelOptions.tokenFeatures,
            pointFrequencies: modelOptions.pointFrequencies)
    }
}
