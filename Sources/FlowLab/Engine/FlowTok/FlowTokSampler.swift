import FlowModels
import FlowTensor
import Foundation

/// Samples a trained FlowTok text-to-image flow from test prompts: one configuration per CFG-indicator scale s.
///
/// Prompts go through MiniLM and the projector (`z_T` sampled, as the reference does at inference), the DiT is
/// integrated from t = 0 to 1 with Euler steps, each step `v = v_null + s (v_cond − v_null)` (both halves in one
/// forward pass of 2B; s = 1 is the plain conditional flow), and the frozen tokenizer decodes the final image
/// tokens (divided by `latent_scale`). Each configuration draws from stream `sample/<name>`.
struct FlowTokSampler {
    let model: FlowTokFlowModel
    let tokenizer: ImageTokenizer
    let encoder: FrozenTextEncoder
    let options: FlowTokOptions
    let steps: Int
    let scales: [Double]
    let variant: String
    /// Prompts integrated at once.
    var batchSize = 100

    /// The configurations' names and scales (`flowtok_s2.0`).
    var configurations: [(name: String, scale: Double)] {
        scales.map { ("\(variant)_s\(FlowSampler.format($0))", $0) }
    }

    /// The batches `sample` integrates for `count` prompts, over all configurations (`advance` is called after each).
    func batches(count: Int) -> Int {
        configurations.count * ((count + batchSize - 1) / batchSize)
    }

    /// uint8 images `[N, S, S, 3]` of each configuration for `prompts`, in configuration order, with the wall-clock
    /// seconds each configuration took (text encoder, projector, Euler steps and tokenizer decoder: the sampling
    /// throughput, after one untimed warm-up prompt); `advance` is called after each batch.
    func sample(prompts: [String], seed: UInt64, advance: () -> Void = {}) throws
        -> [(name: String, scale: Double, pixels: [UInt8], seconds: Double)] {
        var results: [(String, Double, [UInt8], Double)] = []
        // One untimed prompt first (its own stream, so the samples do not change): the first configuration's time would
        // otherwise include the first call's allocations and thread start-up.
        if let first = prompts.first, let scale = scales.first {
            var warmUp = RandomGenerator(seed: seed, stream: "sample/warm-up")
            let features = try FlowTokText.features(encoder, captions: [first])
            _ = withNoGradient { tokenizer.decode(imageTokens(features: features, scale: scale, generator: &warmUp)) }
        }
        for (name, scale) in configurations {
            var generator = RandomGenerator(seed: seed, stream: "sample/\(name)")
            var pixels: [UInt8] = []
            let start = Date()
            for start in stride(from: 0, to: prompts.count, by: batchSize) {
                let batch = Array(prompts[start..<min(prompts.count, start + batchSize)])
                let features = try FlowTokText.features(encoder, captions: batch)
                let images = withNoGradient {
                    tokenizer.decode(imageTokens(features: features, scale: scale, generator: &generator) * (1 / options.latentScale))
                }
                pixels += TextToImageSampler.bytes(images)
                advance()
            }
            results.append((name, scale, pixels, Date().timeIntervalSince(start)))
        }
        return results
    }

    /// The image tokens `[B, L, d]` the flow carries the prompts' text tokens to, with CFG-indicator scale `scale`.
    func imageTokens(features: Tensor, scale: Double, generator: inout RandomGenerator) -> Tensor {
        Self.integrate(model.dit, from: model.projector(features).sample(generator: &generator), steps: steps, scale: scale)
    }

    /// The tokens `dit` carries `source` (`[B, L, d]`, at t = 0) to at t = 1 in `steps` Euler steps; each step
    /// `v = v_null + s (v_cond − v_null)` with CFG-indicator scale `scale` (both halves in one forward pass of 2B;
    /// s = 1 evaluates the conditional half only). Used by both directions.
    static func integrate(_ dit: FlowTokDiT, from source: Tensor, steps: Int, scale: Double) -> Tensor {
        let count = source.shape[0]
        var x = source
        let dt = 1 / Double(steps)
        for step in 0..<steps {
            let t = Tensor.full([count], Double(step) * dt)
            let velocity: Tensor
            if scale == 1 {
                velocity = dit(x, t: t, isNull: Array(repeating: false, count: count))
            } else {
                let both = dit(Tensor.concatenate([x, x], axis: 0), t: Tensor.concatenate([t, t], axis: 0),
                           isNull: Array(repeating: false, count: count) + Array(repeating: true, count: count))
                let conditional = both.slice(axis: 0, 0..<count), null = both.slice(axis: 0, count..<(2 * count))
                velocity = null + (conditional - null) * scale
            }
            x = x + velocity * dt
        }
        return x
    }
}
