import FlowData
import FlowMatching
import FlowModels
import FlowNN
import FlowTensor

/// Everything one variant of a captioned-image experiment needs to train, sample and evaluate, built from its spec.
///
/// The data provide the modalities `image` and `caption`; the spec says how each flows: the image is generated
/// (affine path from Gaussian noise, velocity loss); the caption is either a condition the `dit` model reads
/// (dropped with `train.condition_dropout` for classifier-free guidance), through its own word-token table or a
/// frozen text encoder (`model.text_encoder`), or, for the joint `crossflows` model, generated too (mixture path,
/// token source, token loss; the same rules as the toy's label). Every rule that does not hold is a located error,
/// all reported together, before anything is trained or any folder exists; missing text-encoder weights are one of them.
struct ModalitySetup {
    /// The generated image modality.
    struct GeneratedImage {
        let name: String
        let path: AffineProbabilityPath
        let weight: Double
        /// The probability that a training row's image starts from itself (`source: {name: cross_guidance, base:
        /// gaussian}`; joint models only): the image then stays clean at every t, so the caption flow learns to
        /// caption the clean image at every t, as `image_to_text` holds it. Such rows carry no velocity to learn and
        /// are left out of the image loss.
        let ownSourceProbability: Double
    }

    let spec: ExperimentSpec
    let data: CaptionedImageData
    let modelOptions: any CaptionedImageModelOptions
    let image: GeneratedImage
    /// The caption modality when the flow reads or generates captions, else nil (an unconditional image flow).
    let caption: String?
    /// The caption's flow when the model generates captions (`crossflows`), else nil.
    let generatedCaption: GeneratedDiscreteModality?
    /// The frozen text encoder captions are read through (`model.text_encoder`), not loaded until a network is
    /// made; nil when the DiT reads the data's word tokens (and always for `crossflows`).
    let textEncoder: FrozenTextEncoder?
    /// One time for both modalities: the caption's sampler when it is generated and has one, else the image's.
    let timeSampler: TimeSampler
    let solver: SolverChoice
    /// One text-to-image configuration per CFG scale; empty: unconditional sampling (caption-conditioned models).
    let guidanceScales: [Double]
    /// How the joint model samples (`cross`, `frozen_prompt`, `unconditional`, `image_to_text`, `inpaint`); nil for `dit`.
    let jointGuidance: GuidanceChoice?
    /// The alignment terms of `alignment:` (REPA, HASTE's attention term; crossflows only), nil without any.
    let alignment: AlignmentTerms?
    /// The evaluator suites of `eval.metrics`, in spec order, not yet prepared.
    let suites: [any EvaluatorSuite]

    /// Whether `spec`'s data set is a captioned-image one (this setup) rather than the point-and-label toy.
    static func handles(_ spec: ExperimentSpec, registry: ComponentRegistry = .standard) -> Bool {
        (try? registry.make(Any.self, .dataset, from: spec.data)) is any CaptionedImageDataOptions
    }

    /// The setup of `spec`; a text encoder with the same settings as one of `others`' is shared with it, so that
    /// the variants of a run encode each caption once.
    init(spec: ExperimentSpec, registry: ComponentRegistry = .standard, sharingTextEncoderWith others: [ModalitySetup] = []) throws {
        self.spec = spec
        try registry.validate(spec)
        var collector = SpecErrorCollector()
        let data = try CaptionedImageData.load(spec, registry: registry)
        self.data = data
        let modelOptions = try registry.make((any CaptionedImageModelOptions).self, .model, from: spec.model)

        // Modalities: the data's two, each of the right kind, the image generated and the caption a condition
        // (or generated, when the model generates captions).
        let provided = [CaptionedImageData.imageModality: ModalitySpec.Kind.continuous, CaptionedImageData.captionModality: .discrete]
        var imageFlow: (spec: ModalitySpec, flow: ModalityFlowComponents)?
        var caption: String?
        var captionSpec: ModalitySpec?
        for modality in spec.modalities {
            let keyPath = "modalities.\(modality.name)"
            let node = spec.resolved["modalities"]?[modality.name]
            guard let kind = provided[modality.name] else {
                collector.record(SpecError(location: node?.location ?? .generated, keyPath: keyPath,
                                           message: "data set '\(spec.data.name)' has no modality '\(modality.name)'; it provides \(data.modalityDescription)"))
                continue
            }
            guard kind == modality.kind else {
                collector.record(SpecError(location: node?["kind"]?.location ?? .generated, keyPath: keyPath + ".kind",
                                           message: "'\(modality.name)' is \(kind.rawValue) in data set '\(spec.data.name)', not \(modality.kind.rawValue)"))
                continue
            }
            switch (modality.name, modality.role) {
            case (CaptionedImageData.imageModality, .generated):
                imageFlow = (modality, modality.flow!)
            case (CaptionedImageData.captionModality, .condition) where !modelOptions.generatesCaptions:
                caption = modality.name
            case (CaptionedImageData.captionModality, .generated) where modelOptions.generatesCaptions:
                caption = modality.name
                captionSpec = modality
            case (CaptionedImageData.captionModality, _) where modelOptions.generatesCaptions:
                collector.record(SpecError(location: node?["role"]?.location ?? node?.location ?? .generated, keyPath: keyPath + ".role",
                                           message: "model '\(spec.model.name)' generates images and captions together: '\(CaptionedImageData.captionModality)' must be generated, not \(modality.role.rawValue)"))
            default:
                collector.record(SpecError(location: node?["role"]?.location ?? node?.location ?? .generated, keyPath: keyPath + ".role",
                                           message: "model '\(spec.model.name)' generates the image from the caption: '\(CaptionedImageData.imageModality)' must be generated and '\(CaptionedImageData.captionModality)' a condition (or left out for an unconditional flow), not \(modality.role.rawValue)"))
            }
        }
        guard let imageFlow else {
            collector.record(SpecError(location: spec.resolved["modalities"]?.location ?? .generated, keyPath: "modalities",
                                       message: "model '\(spec.model.name)' generates images: declare '\(CaptionedImageData.imageModality)' as a generated continuous modality"))
            try collector.throwIfAny()
            preconditionFailure("an error was recorded")
        }
        let (path, ownImageProbability) = try ContinuousFlowRules.check(imageFlow.flow, registry: registry, into: &collector)
        if ownImageProbability > 0 && captionSpec == nil {
            collector.record(SpecError(location: imageFlow.flow.source.location, keyPath: imageFlow.flow.source.keyPath,
                                       message: "an image that starts from itself teaches a caption flow to caption it; model '\(spec.model.name)' generates no captions (use source: gaussian)"))
        }
        image = GeneratedImage(name: imageFlow.spec.name, path: path, weight: imageFlow.spec.weight,
                               ownSourceProbability: ownImageProbability)
        self.caption = caption
        generatedCaption = try captionSpec.flatMap { try DiscreteFlowRules.check($0, registry: registry, into: &collector) }
        var timeSpec = imageFlow.spec.timeSampler
        if let captionTime = captionSpec?.timeSampler {
            // Both modalities share t (CrossFlows); the caption loss diverges at t = 1, so its sampler wins.
            if let imageTime = imageFlow.spec.timeSampler {
                collector.record(SpecError(location: imageTime.location, keyPath: imageTime.keyPath,
                                           message: "both modalities share one time t; give time_sampler on one modality only (the caption's is used when the caption is generated)"))
            }
            timeSpec = captionTime
        }
        timeSampler = try timeSpec.map { try registry.make(TimeSampler.self, .timeSampler, from: $0) } ?? .uniform
        let alignment = try AlignmentTerms.check(spec: spec, registry: registry, modelOptions: modelOptions,
                                                          imageSize: data.imageSize, into: &collector)
        self.alignment = alignment
        if var crossflows = modelOptions as? CrossFlowsFlowOptions {
            if let representation = alignment?.representation {
                crossflows.projectorWidths = [representation.teacherWidth]
                crossflows.projectorHidden = representation.options.projectorHidden
            } else if (crossflows.teacher != nil || crossflows.teacherWeights != nil) && spec.alignment.isEmpty {
                collector.record(SpecError(location: spec.resolved["model"]?["teacher"]?.location ?? spec.model.location,
                                           keyPath: spec.model.keyPath + ".teacher",
                                           message: "only an alignment term reads the teacher: add alignment: [{name: repa, layer: K}] (or haste_attention) or leave teacher out"))
            }
            self.modelOptions = crossflows
        } else {
            self.modelOptions = modelOptions
        }
        textEncoder = try Self.makeTextEncoder(spec: spec, options: modelOptions, data: data, caption: caption,
                                               sharingWith: others.compactMap(\.textEncoder), into: &collector)
        let problems = modelOptions.problems(imageSize: data.imageSize, captionVocabulary: Self.captionVocabulary(data, caption, generatedCaption),
                                             captionLength: data.captionLength)
        if !problems.isEmpty {
            collector.record(SpecError(location: spec.model.location, keyPath: spec.model.keyPath,
                                       message: "for \(data.imageSize) px images: " + problems.joined(separator: "; ")))
        }
        if spec.train.batchSize > data.train.count {
            collector.record(SpecError(location: spec.resolved["train"]?["batch_size"]?.location ?? .generated, keyPath: "train.batch_size",
                                       message: "batch size \(spec.train.batchSize) exceeds the \(data.train.count) training images"))
        }
        if spec.evaluation.samples > data.test.count {
            collector.record(SpecError(location: spec.resolved["eval"]?["samples"]?.location ?? .generated, keyPath: "eval.samples",
                                       message: "\(spec.evaluation.samples) samples need as many test images (prompts and references), but the data set has \(data.test.count)"))
        }

        solver = try registry.make(SolverChoice.self, .solver, from: spec.sample.solver)
        var scales: [Double] = []
        var joint: GuidanceChoice?
        if let guidanceSpec = spec.sample.guidance {
            let choice = try registry.make(GuidanceChoice.self, .guidance, from: guidanceSpec)
            switch choice {
            case .classifierFree where modelOptions.generatesCaptions:
                collector.record(SpecError(location: guidanceSpec.location, keyPath: guidanceSpec.keyPath,
                                           message: "'cfg' guides a flow conditioned on the caption; model '\(spec.model.name)' generates the caption (use 'cross' with cfg_scale, 'frozen_prompt', 'unconditional', 'image_to_text' or 'inpaint')"))
            case .inpainting(let inpainting) where modelOptions.generatesCaptions && inpainting.region.needsScenes && data.shapes == nil:
                collector.record(SpecError(location: guidanceSpec.options["region"]?.location ?? guidanceSpec.location,
                                           keyPath: guidanceSpec.keyPath + ".region",
                                           message: "region 'object' cuts out the cell of each image's object, which only the 'shapes' data set knows; use \(InpaintingRegion.allCases.filter { !$0.needsScenes }.map { "'\($0.rawValue)'" }.joined(separator: ", "))"))
            case _ where modelOptions.generatesCaptions:
                joint = choice
            case .classifierFree(let values) where caption != nil:
                scales = values
            case .unconditional:
                break
            default:
                let reason = caption == nil ? "an unconditional image flow samples with 'unconditional'"
                    : "a caption-conditioned image flow samples text to image with 'cfg' (scales: [1.0, 3.0]) or 'unconditional'"
                collector.record(SpecError(location: guidanceSpec.location, keyPath: guidanceSpec.keyPath,
                                           message: "guidance '\(guidanceSpec.name)' needs a generated discrete modality; \(reason)"))
            }
        } else if caption != nil {
            collector.record(SpecError(location: spec.resolved["sample"]?.location ?? .generated, keyPath: "sample.guidance",
                                       message: modelOptions.generatesCaptions
                                           ? "missing required key 'guidance' (cross, frozen_prompt, unconditional or image_to_text)"
                                           : "missing required key 'guidance' (cfg with scales, or unconditional)"))
        }
        guidanceScales = modelOptions.generatesCaptions ? [] : scales
        jointGuidance = joint

        let prompted = Self.isPrompted(scales: guidanceScales, joint: joint)
        let unprompted = modelOptions.generatesCaptions
            ? "prompts, but this guidance samples without them (use 'cross' or 'frozen_prompt')"
            : "prompts, but sampling is unconditional (use guidance 'cfg')"
        var suites: [any EvaluatorSuite] = []
        for component in spec.evaluation.metrics {
            guard let suite = try collector.attempt({ try registry.make(Any.self, .metric, from: component) }) else { continue }
            guard let suite = suite as? any EvaluatorSuite else {
                let names = registry.names(of: .metric).filter { name in
                    (try? registry.make(Any.self, .metric, from: ComponentSpec(name: name))) is any EvaluatorSuite
                }
                collector.record(SpecError(location: component.location, keyPath: component.keyPath,
                                           message: "metric '\(component.name)' scores the point-and-label toy; for images and captions use \(names.isEmpty ? "an evaluator suite" : names.joined(separator: ", "))"))
                continue
            }
            for need in suite.needs.sorted(by: { $0.rawValue < $1.rawValue }) {
                let missing: String?
                switch need {
                case .images:
                    missing = joint?.isImageToText == true ? "generated images, but guidance 'image_to_text' holds the test images and generates captions" : nil
                case .captions:
                    missing = modelOptions.generatesCaptions ? nil : "generated captions, but model '\(spec.model.name)' generates only images"
                case .prompts: missing = prompted ? nil : unprompted
                case .promptScenes:
                    missing = data.shapes == nil ? "the scenes of its prompts, which only the 'shapes' data set knows"
                        : prompted ? nil : unprompted
                }
                if let missing {
                    collector.record(SpecError(location: component.location, keyPath: component.keyPath,
                                               message: "evaluator suite '\(component.name)' needs \(missing)"))
                }
            }
            suites.append(suite)
        }
        for suite in suites {
            for included in suite.includedSuites.sorted() {
                guard let component = spec.evaluation.metrics.first(where: { $0.name == included }) else { continue }
                collector.record(SpecError(location: component.location, keyPath: component.keyPath,
                                           message: "evaluator suite '\(suite.name)' already reports the metrics of '\(included)'; list one of them"))
            }
        }
        self.suites = suites
        try collector.throwIfAny()
    }

    /// Whether sampling starts from test prompts (text to image), so configurations carry prompts.
    var prompted: Bool { Self.isPrompted(scales: guidanceScales, joint: jointGuidance) }

    private static func isPrompted(scales: [Double], joint: GuidanceChoice?) -> Bool {
        switch joint {
        case .crossGuidance?, .frozenPrompt?, .inpainting?: return true
        case nil: return !scales.isEmpty
        default: return false
        }
    }

    /// Token ids a caption state may hold: the words, plus the mask of a generated caption's mask source; nil
    /// without a caption modality.
    private static func captionVocabulary(_ data: CaptionedImageData, _ caption: String?, _ generated: GeneratedDiscreteModality?) -> Int? {
        guard caption != nil else { return nil }
        return generated?.stateVocabulary(dataVocabulary: data.tokenizer.vocabularySize) ?? data.tokenizer.vocabularySize
    }

    /// A freshly initialised network (loading the text encoder first, when there is one).
    func makeNetwork(generator: inout RandomGenerator) throws -> any FlowNetwork {
        try textEncoder?.load()
        return try modelOptions.makeNetwork(imageSize: data.imageSize, captionVocabulary: Self.captionVocabulary(data, caption, generatedCaption),
                                            captionLength: data.captionLength, image: image.name, caption: caption,
                                            textEncoder: textEncoder, generator: &generator)
    }

    /// The DiT's configuration for this data; nil when the model is not `dit`.
    var networkConfiguration: DiTConfiguration? {
        (modelOptions as? DiTFlowOptions)?.configuration(imageSize: data.imageSize, vocabulary: data.tokenizer.vocabularySize,
                                                         captionLength: data.captionLength, captions: caption != nil)
    }

    /// The caption modality's tokens for `captions`, `[captions.count, data.captionLength]` row-major: the text
    /// encoder's ids when there is one, else the data's word tokens.
    func captionTokens(_ captions: [String]) throws -> [Int] {
        if let textEncoder { return try textEncoder.ids(captions) }
        return data.tokenizer.encodeBatch(captions, length: data.captionLength)
    }

    /// The text encoder of `options` (`model.text_encoder`), or nil; its weights must be present (sizes only, no
    /// hashing) and the flow must read captions, else a located error is recorded.
    private static func makeTextEncoder(spec: ExperimentSpec, options: any CaptionedImageModelOptions, data: CaptionedImageData,
                                        caption: String?, sharingWith others: [FrozenTextEncoder],
                                        into collector: inout SpecErrorCollector) throws -> FrozenTextEncoder? {
        let keyPath = spec.model.keyPath + ".text_encoder"
        let location = spec.model.options["text_encoder"]?.location ?? spec.model.location
        guard let options = options as? DiTFlowOptions else {
            if spec.model.options["text_encoder"] != nil {
                collector.record(SpecError(location: location, keyPath: keyPath,
                                           message: "model '\(spec.model.name)' generates its captions and reads no text encoder; leave text_encoder out"))
            }
            return nil
        }
        guard let name = options.textEncoder else { return nil }
        var usable = true
        do {
            try name.requireWeights()
        } catch let error as PretrainedWeightsError {
            collector.record(SpecError(location: location, keyPath: keyPath, message: "text encoder '\(name.rawValue)' needs its pretrained weights: \(error.message)"))
            usable = false
        }
        if caption == nil {
            collector.record(SpecError(location: location, keyPath: keyPath,
                                       message: "an unconditional image flow reads no captions; declare '\(CaptionedImageData.captionModality)' as a condition or leave text_encoder out"))
            usable = false
        }
        if data.captionLength < 3 {
            collector.record(SpecError(location: spec.data.options["caption_length"]?.location ?? spec.data.location,
                                       keyPath: spec.data.keyPath + ".caption_length",
                                       message: "text encoder '\(name.rawValue)' needs at least 3 tokens per caption ([CLS], a word piece, [SEP]), got \(data.captionLength)"))
            usable = false
        }
        guard usable else { return nil }
        let encoder = FrozenTextEncoder(name: name, features: options.textFeatures, length: data.captionLength)
        return others.first { $0.hasSameSettings(as: encoder) } ?? encoder
    }
}
