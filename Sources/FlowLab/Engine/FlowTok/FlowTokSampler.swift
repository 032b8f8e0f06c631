import FlowModels
import FlowTensor
import Foundation

/// Samples a trained FlowTok text-to-image flow from test prompts: one configuration per CFG-indicator scale s.
///
/// Prompts go through MiniLM and the projector (`z_T` sampled, as the reference does at inference), the DiT is
/// integrated from t = 0 to 1 with Euler steps, each step `v = v_null + s (v_cond − v_null)` (both halves in one
/// forward pass of 2B; s = 1 is the plain conditional flow), and the frozen tokenizer decodes the final image
/// tokens (divided by `latent_scale`). Each configuration draws from stream `sample/<name>`.
public struct FlowTokSampler {
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
            _ = Self.images(model: model, tokenizer: tokenizer, features: features, steps: steps, scale: scale,
                            latentScale: options.latentScale, generator: &warmUp)
        }
        for (name, scale) in configurations {
            var generator = RandomGenerator(seed: seed, stream: "sample/\(name)")
            var pixels: [UInt8] = []
            let start = Date()
            for start in stride(from: 0, to: prompts.count, by: batchSize) {
                let batch = Array(prompts[start..<min(prompts.count, start + batchSize)])
                let features = try FlowTokText.features(encoder, captions: batch)
                let images = Self.images(model: model, tokenizer: tokenizer, features: features, steps: steps, scale: scale,
                                         latentScale: options.latentScale, generator: &generator)
                pixels += TextToImageSampler.bytes(images)
                advance()
            }
            results.append((name, scale, pixels, Date().timeIntervalSince(start)))
        }
        return results
    }

    /// Images `[B, S, S, 3]` (in [-1, 1]) for text states `features` (`[B, L, 384]`), without gradients: the
    /// projector's sample `z_T` (ε from `generator`), `steps` Euler steps of the flow with CFG-indicator scale `scale`
    /// (``integrate(_:from:steps:scale:)``), and the tokenizer's decoding of the final tokens divided by `latentScale`.
    public static func images(model: FlowTokFlowModel, tokenizer: ImageTokenizer, features: Tensor, steps: Int, scale: Double,
                              latentScale: Double, generator: inout RandomGenerator) -> Tensor {
        withNoGradient {
            let source = model.projector(features).sample(generator: &generator)
            return tokenizer.decode(integrate(model.dit, from: source, steps: steps, scale: scale) * (1 / latentScale))
        }
    }

    /// uint8 images `[N, S, S, 3]`: uint8 images `pixels` of size `imageSize` through the frozen tokenizer (posterior
    /// mean, decoded), the best any text-to-image flow into its tokens can draw; with the standard deviation of those
    /// tokens' elements (before `latent_scale`: the reference scales its tokenizer's to about 1, by 1.0143).
    func reconstructions(pixels: [UInt8], imageSize: Int) -> (pixels: [UInt8], tokenStandardDeviation: Double) {
        let imageBytes = imageSize * imageSize * 3
        var result: [UInt8] = []
        var sum = 0.0, sumOfSquares = 0.0, count = 0
        for start in stride(from: 0, to: pixels.count / imageBytes, by: batchSize) {
            let end = min(pixels.count / imageBytes, start + batchSize)
            let images = Tensor(shape: [end - start, imageSize, imageSize, 3],
                                scalars: pixels[(start * imageBytes)..<(end * imageBytes)].map { Float($0) / 127.5 - 1 })
            let tokens = withNoGradient { tokenizer.encode(images).mean }
            for value in tokens.floats.map(Double.init) {
                sum += value
                sumOfSquares += value * value
            }
            count += tokens.count
            result += TextToImageSampler.bytes(withNoGradient { tokenizer.decode(tokens) })
        }
        let mean = sum / Double(max(count, 1))
        return (result, (max(sumOfSquares / Double(max(count, 1)) - mean * mean, 0)).squareRoot())
    }

    /// The tokens `dit` carries `source` (`[B, L, d]`, at t = 0) to at t = 1 in `steps` Euler steps; each step
    /// `v = v_null + s (v_cond − v_null)` with CFG-indicator scale `scale` (both halves in one forward pass of 2B;
    /// s = 1 evaluates the conditional half only). Used by both directions.
    public static func integrate(_ dit: FlowTokDiT, from source: Tensor, steps: Int, scale: Double) -> Tensor {
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
