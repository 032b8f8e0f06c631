import Foundation
import FlowData
import FlowMatching
import FlowTensor

/// Samples a caption-conditioned image flow from test prompts, one configuration per CFG scale (or unconditionally).
///
/// Each step of classifier-free guidance evaluates the prompted and the null-caption batch in ONE forward pass of
/// 2B, then `v = v_∅ + w (v_c − v_∅)`; w = 1 is the plain conditional flow (one pass), w = 0 the unconditional one.
/// Images are drawn `batchSize` at a time from `N(0, I)` of stream `sample/<configuration>`, so a configuration's
/// images do not depend on which others are sampled. Prompts are tokenized as in training (`captionTokens`, so
/// through the text encoder's cache when there is one); `prompt_tokens` records the data's word tokens either way.
struct TextToImageSampler: CaptionedImageSampler {
    let setup: ModalitySetup
    let variant: String
    let stop: StopSignal?
    /// Images integrated at once.
    var batchSize = 100

    /// The configurations' names and how they are sampled.
    var configurations: [(name: String, scale: Double?)] {
        guard !setup.guidanceScales.isEmpty else { return [(variant, nil)] }
        return setup.guidanceScales.map { ("\(variant)_w\(FlowSampler.format($0))", $0) }
    }

    /// Every configuration's images for `prompts`; nil when a stop was requested. `advance` is told after each batch.
    func sample(network: any FlowNetwork, prompts: ReferenceExamples, seed: UInt64,
                advance: () -> Void) throws -> [SampledImages]? {
        let words = setup.data.tokenizer.encodeBatch(prompts.prompts, length: setup.data.captionLength)
        let tokens = try setup.captionTokens(prompts.prompts)
        var results: [SampledImages] = []
        for (name, scale) in configurations {
            var generator = RandomGenerator(seed: seed, stream: "sample/\(name)")
            let startTime = Date()
            var pixels: [UInt8] = []
            pixels.reserveCapacity(prompts.pixels.count)
            for start in stride(from: 0, to: prompts.count, by: batchSize) {
                if stop?.stopRequested == true { return nil }
                let end = min(prompts.count, start + batchSize)
                let batchTokens = Array(tokens[(start * setup.data.captionLength)..<(end * setup.data.captionLength)])
                let images = withNoGradient {
                    integrate(network: network, count: end - start, tokens: scale == nil ? nil : batchTokens,
                              scale: scale ?? 1, generator: &generator)
                }
                pixels += Self.bytes(images)
                advance()
            }
            let size = setup.data.imageSize
            let method = scale.map { "text to image from test prompts, \(setup.solver.method.rawValue) ODE, \(setup.spec.sample.steps) steps, CFG w = \(FlowSampler.format($0))" }
                ?? "unconditional, \(setup.solver.method.rawValue) ODE, \(setup.spec.sample.steps) steps"
            precondition(pixels.count == prompts.count * size * size * 3)
            var configuration = SampledImages(name: name, variant: variant, method: method, pixels: pixels,
                                              prompts: scale == nil ? nil : prompts.prompts, promptTokens: scale == nil ? nil : words,
                                              promptScenes: scale == nil ? nil : prompts.scenes)
            configuration.samplingSeconds = Date().timeIntervalSince(startTime)
            results.append(configuration)
        }
        return results
    }

    /// Batches per configuration for `count` prompts (for progress).
    func batches(count: Int) -> Int { configurations.count * ((count + batchSize - 1) / batchSize) }

    /// `count` images from noise: guided by the captions `tokens` at scale `scale`, or unconditional when nil.
    private func integrate(network: any FlowNetwork, count: Int, tokens: [Int]?, scale: Double,
                           generator: inout RandomGenerator) -> Tensor {
        let size = setup.data.imageSize
        let noise = GaussianSource().sample([count, size, size, 3], generator: &generator)
        let image = setup.image.name
        let length = setup.data.captionLength
        let velocity: VelocityModel
        if let caption = setup.caption {
            let null = network.nullCondition(caption, count: count)
            guard case .discrete(let nullState) = null else { preconditionFailure("a caption's null condition is tokens") }
            let prompted = tokens.map { DiscreteState(tokens: $0, shape: [count, length]) }
            velocity = { x, t in
                var state = ModalityBatch()
                switch (prompted, scale) {
                case (nil, _), (_, 0):
                    state[image] = .continuous(x)
                    state[caption] = null
                    return network.predict(state, t: t).velocities[image]!
                case (let prompted?, 1):
                    state[image] = .continuous(x)
                    state[caption] = .discrete(prompted)
                    return network.predict(state, t: t).velocities[image]!
                case (let prompted?, _):
                    state[image] = .continuous(Tensor.concatenate([x, x], axis: 0))
                    state[caption] = .discrete(DiscreteState(tokens: prompted.tokens + nullState.tokens, shape: [2 * count, length]))
                    let both = network.predict(state, t: Tensor.concatenate([t, t], axis: 0)).velocities[image]!
                    let conditional = both.slice(axis: 0, 0..<count), unconditional = both.slice(axis: 0, count..<(2 * count))
                    return unconditional + (conditional - unconditional) * scale
                }
            }
        } else {
            velocity = { x, t in
                var state = ModalityBatch()
                state[image] = .continuous(x)
                return network.predict(state, t: t).velocities[image]!
            }
        }
        return ODESolver(method: setup.solver.method).sample(start: noise, timeGrid: TimeGrid.uniform(steps: setup.spec.sample.steps),
                                                             velocity: velocity)
    }

    /// Float images in [-1, 1] to uint8 (x + 1) · 127.5, rounded and clamped.
    static func bytes(_ images: Tensor) -> [UInt8] {
        images.floats.map { $0.isFinite ? UInt8(max(0, min(255, (($0 + 1) * 127.5).rounded()))) : 0 }
    }
}
