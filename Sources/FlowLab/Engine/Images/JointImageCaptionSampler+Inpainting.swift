import FlowData
import FlowMatching
import FlowTensor

extension JointImageCaptionSampler {
    /// Inpainting by inversion (CrossFlows App. C.2) of every test image, through FlowMatching's `Inpainting`:
    /// 1. cut `choice.region` out of the test image `I_1` (filled with the background) to get `I~_1`;
    /// 2. solve the image ODE backwards from `I~_1` with the test prompt `C_1` held, to the noise `I~_0`;
    /// 3. solve the joint flow forwards from `(I~_0, C_1)`: with cross-guidance (`caption: evolve`, the paper's
    ///    procedure) the caption may change on the way, which is what should pull the out-of-distribution image back
    ///    to the data; with `caption: frozen` it is held (plain flow-matching inpainting, the baseline).
    ///
    /// Returns two configurations: `<variant>` (the inpainted images with their prompts, the evolved captions, and
    /// the originals and cut images for the figure) and `<variant>_cut` (the cut images themselves, scored by the same
    /// suites: the floor inpainting must rise above).
    func inpaint(_ choice: InpaintingChoice, solver: MultimodalSolver, model: JointModelClosure, prompts: ReferenceExamples,
                 promptTokens: [Int], seed: UInt64, advance: () -> Void) -> [SampledImages]? {
        let data = setup.data
        let (size, length) = (data.imageSize, data.captionLength)
        let imageBytes = size * size * 3
        let inpainting = Inpainting(inversionMethod: setup.solver.method, inversionSteps: choice.inversionSteps ?? setup.spec.sample.steps,
                                    solver: solver)
        var cut: [UInt8] = []
        for index in 0..<prompts.count {
            let pixels = Array(prompts.pixels[(index * imageBytes)..<((index + 1) * imageBytes)])
            cut += choice.region.cut(pixels, imageSize: size, scene: prompts.scenes?[index])
        }
        var generator = RandomGenerator(seed: seed, stream: "sample/\(variant)")
        var pixels: [UInt8] = []
        var tokens: [Int] = []
        for start in stride(from: 0, to: prompts.count, by: batchSize) {
            if stop?.stopRequested == true { return nil }
            let end = min(prompts.count, start + batchSize)
            let prompt = DiscreteState(tokens: Array(promptTokens[(start * length)..<(end * length)]), shape: [end - start, length])
            let image = Tensor(shape: [end - start, size, size, 3],
                               scalars: cut[(start * imageBytes)..<(end * imageBytes)].map { Float($0) / 127.5 - 1 })
            let result = withNoGradient { () -> JointState in
                if choice.captionEvolves {
                    return inpainting.run(image: image, caption: prompt, model: model, generator: &generator)
                }
                let noise = inpainting.invert(image: image, caption: prompt, model: model)
                return solver.sample(start: JointState(continuous: noise, discrete: prompt), frozen: .discrete, model: model,
                                     generator: &generator)
            }
            if stop?.stopRequested == true { return nil }
            pixels += TextToImageSampler.bytes(result.continuous)
            tokens += result.discrete.tokens
            advance()
        }
        let (captions, words) = decodeCaptions(tokens, count: prompts.count)
        var inpainted = SampledImages(name: variant, variant: variant,
                                      method: "joint flow, inpainting by inversion (App. C.2): region '\(choice.region.rawValue)' of each test image cut out, "
                                          + "\(inpainting.inversionSteps) backward steps with the prompt held, then "
                                          + (choice.captionEvolves ? "cross-guidance forward (the caption starts at the prompt and may change)"
                                                                   : "forward with the prompt held fixed (plain flow-matching inpainting)")
                                          + (solver.guidance.map { ", CFG w = \(FlowSampler.format($0.scale))" } ?? "")
                                          + ", \(setup.solver.method.rawValue) ODE, \(setup.spec.sample.steps) steps",
                                      pixels: pixels, prompts: prompts.prompts, promptTokens: promptTokens, promptScenes: prompts.scenes,
                                      captions: captions, captionTokens: words)
        inpainted.inpaintingSources = (originals: prompts.pixels, cut: cut)
        let floor = SampledImages(name: variant + "_cut", variant: variant,
                                  method: "the test images of '\(variant)' with region '\(choice.region.rawValue)' cut out, before inpainting: the floor",
                                  pixels: cut, prompts: prompts.prompts, promptTokens: promptTokens, promptScenes: prompts.scenes)
        return [inpainted, floor]
    }
}
