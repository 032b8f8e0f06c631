import Foundation
import FlowData
import FlowMatching
import FlowTensor

/// Samples the joint image–caption flow (`crossflows`) as its guidance says, through the `MultimodalSolver`.
///
/// - `cross`: text to image by cross-guidance; the image flows from noise, the caption starts at the test prompt and
///   may change (optional CFG on the velocity, `cfg_scale`).
/// - `frozen_prompt`: text to image with the caption held at the prompt (the conventional conditional model).
/// - `unconditional`: image–caption pairs, both from their sources.
/// - `image_to_text`: captioning; the image is held at the test image, the caption flows from its source. With
///   `image: noised` the caption flow reads the test image on its probability path, `t·x + (1 − t)·ε`.
/// - `inpaint`: inpainting by inversion (App. C.2; `JointImageCaptionSampler+Inpainting.swift`), two configurations:
///   the inpainted images and, as the floor, the cut images before inpainting.
///
/// One configuration per variant, named after it. Samples are drawn `batchSize` at a time from stream
/// `sample/<variant>`; every configuration keeps its generated captions (decoded with the data's tokenizer).
struct JointImageCaptionSampler: CaptionedImageSampler {
    let setup: ModalitySetup
    let variant: String
    let stop: StopSignal?
    var batchSize = 100

    func batches(count: Int) -> Int { (count + batchSize - 1) / batchSize }

    func sample(network: any FlowNetwork, prompts: ReferenceExamples, seed: UInt64, advance: () -> Void) -> [SampledImages]? {
        let startTime = Date()
        // The first configuration is the sampled one (an inpainting variant adds `<variant>_cut`, its cut test images).
        guard var configurations = sampleUntimed(network: network, prompts: prompts, seed: seed, advance: advance) else { return nil }
        if !configurations.isEmpty { configurations[0].samplingSeconds = Date().timeIntervalSince(startTime) }
        return configurations
    }

    /// ``sample(network:prompts:seed:advance:)`` without the configuration's sampling time.
    private func sampleUntimed(network: any FlowNetwork, prompts: ReferenceExamples, seed: UInt64, advance: () -> Void) -> [SampledImages]? {
        guard let guidance = setup.jointGuidance, let caption = setup.caption, let generated = setup.generatedCaption else {
            preconditionFailure("joint sampling needs a generated caption and a joint guidance (ModalitySetup checks this)")
        }
        let data = setup.data
        let (size, length, vocabulary) = (data.imageSize, data.captionLength, data.tokenizer.vocabularySize)
        let imageBytes = size * size * 3
        let promptTokens = data.tokenizer.encodeBatch(prompts.prompts, length: length)
        let scale: Double?
        switch guidance {
        case .crossGuidance(let value), .frozenPrompt(let value): scale = value
        case .inpainting(let choice): scale = choice.cfgScale
        default: scale = nil
        }
        let solver = MultimodalSolver(discretePath: generated.path, steps: setup.spec.sample.steps,
                                      discreteSteps: setup.solver.discreteSteps, guidanceScale: scale,
                                      discreteUpdate: setup.solver.discreteUpdate)
        let base = jointModel(network, caption: caption)
        var model = base
        if case .inpainting(let choice) = guidance {
            return inpaint(choice, solver: solver, model: model, prompts: prompts, promptTokens: promptTokens, seed: seed, advance: advance)
        }
        var generator = RandomGenerator(seed: seed, stream: "sample/\(variant)")
        var pixels: [UInt8] = []
        var tokens: [Int] = []
        for start in stride(from: 0, to: prompts.count, by: batchSize) {
            if stop?.stopRequested == true { return nil }
            let end = min(prompts.count, start + batchSize)
            let prompt = DiscreteState(tokens: Array(promptTokens[(start * length)..<(end * length)]), shape: [end - start, length])
            let testImages = Array(prompts.pixels[(start * imageBytes)..<(end * imageBytes)])
            let condition: JointCondition
            switch guidance {
            case .crossGuidance: condition = .crossGuidedPrompt(prompt)
            case .frozenPrompt: condition = .frozenPrompt(prompt)
            case .imageToText(let choice):
                let image = Tensor(shape: [end - start, size, size, 3], scalars: testImages.map { Float($0) / 127.5 - 1 })
                condition = .frozenImage(image)
                if choice.imageOnPath {
                    model = imageOnPath(base, image: image, noise: GaussianSource().sample(image.shape, generator: &generator))
                }
            default: condition = .unconditional
            }
            let result = withNoGradient {
                solver.sample(condition: condition, continuousShape: [end - start, size, size, 3], tokensPerRow: length,
                              discreteSource: generated.tokenSource(vocabularySize: vocabulary), model: model, generator: &generator)
            }
            if stop?.stopRequested == true { return nil }
            pixels += guidance.isImageToText ? testImages : TextToImageSampler.bytes(result.continuous)
            tokens += result.discrete.tokens
            advance()
        }
        let (captions, words) = decodeCaptions(tokens, count: prompts.count)
        let prompted = setup.prompted
        return [SampledImages(name: variant, variant: variant, method: description(guidance, scale: scale), pixels: pixels,
                              prompts: prompted ? prompts.prompts : nil, promptTokens: prompted ? promptTokens : nil,
                              promptScenes: prompted ? prompts.scenes : nil, captions: captions, captionTokens: words,
                              imagesGenerated: !guidance.isImageToText)]
    }

    /// `network` as the joint model of the solvers; once a stop is requested it returns its last prediction, so that
    /// a solve ends quickly.
    func jointModel(_ network: any FlowNetwork, caption: String) -> JointModelClosure {
        let lastPrediction = PredictionCache()
        return JointModelClosure { images, captions, t, dropped in
            if stop?.stopRequested == true, let last = lastPrediction.value { return last }
            var state = ModalityBatch()
            state[setup.image.name] = .continuous(images)
            state[caption] = .discrete(captions)
            state.dropped[caption] = dropped
            let prediction = network.predict(state, t: t)
            let joint = JointPrediction(velocity: prediction.velocities[setup.image.name]!, logits: prediction.logits[caption]!)
            lastPrediction.value = joint
            return joint
        }
    }

    /// `model` reading, in place of the held image, `image` on its probability path at the solver's t, `t·image + (1 − t)·noise`
    /// (the replacement method: the state a joint model trained with one t for both modalities saw in training).
    func imageOnPath(_ model: JointModelClosure, image: Tensor, noise: Tensor) -> JointModelClosure {
        JointModelClosure { _, captions, t, dropped in
            model(continuous: setup.image.path.sample(x0: noise, x1: image, t: t).xt, discrete: captions, t: t, conditionDropped: dropped)
        }
    }

    /// Captions decoded from `tokens` (`[N, L]` row-major); a mask token left in a caption (one past the words) is
    /// written as <mask>. Returns the cleaned tokens too.
    func decodeCaptions(_ tokens: [Int], count: Int) -> (captions: [String], tokens: [Int]) {
        let data = setup.data
        let (length, vocabulary) = (data.captionLength, data.tokenizer.vocabularySize)
        let words = tokens.map { $0 < vocabulary ? $0 : data.tokenizer.maskID }
        return ((0..<count).map { data.tokenizer.decode(Array(words[($0 * length)..<(($0 + 1) * length)])) }, words)
    }

    /// How the configuration was sampled, in words.
    private func description(_ guidance: GuidanceChoice, scale: Double?) -> String {
        let how: String
        switch guidance {
        case .crossGuidance: how = "joint flow, text to image by cross-guidance from test prompts (the caption may change)"
        case .frozenPrompt: how = "joint flow, text to image with the test prompt held fixed"
        case .imageToText(let choice):
            how = choice.imageOnPath
                ? "joint flow, image to text: the caption flow reads the test image on its path t x + (1 - t) noise, the caption from its source"
                : "joint flow, image to text: the test image held fixed, the caption from its source"
        case .inpainting(let choice): how = "joint flow, inpainting by inversion of the test images with region '\(choice.region.rawValue)' cut out"
            + (choice.captionEvolves ? " (cross-guidance: the caption starts at the prompt and may change)" : " (the prompt held fixed)")
        default: how = "joint flow, unconditional image-caption pairs"
        }
        return how + (scale.map { ", CFG w = \(FlowSampler.format($0)) on the velocity" } ?? "")
            + ", \(setup.solver.method.rawValue) ODE, \(setup.spec.sample.steps) steps"
            + (setup.solver.discreteSteps.map { $0 == setup.spec.sample.steps ? "" : " for the image and \($0) for the caption (adaptive horizon)" } ?? "")
    }
}
