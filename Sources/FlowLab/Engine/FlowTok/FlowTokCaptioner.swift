import FlowData
import FlowModels
import FlowTensor

/// Captions images with a trained FlowTok image-to-text flow (``FlowTokImageToTextOptions``): the frozen tokenizer
/// encodes each image to its tokens (posterior mean times `latent_scale`), the DiT carries them to text latents in
/// `steps` Euler steps (``FlowTokSampler/integrate(_:from:steps:scale:)`` at s = 1), and the frozen text decoder's
/// most likely word at each position makes the caption. Deterministic: no noise is drawn.
struct FlowTokCaptioner {
    let dit: FlowTokDiT
    let tokenizer: ImageTokenizer
    let decoder: TextDecoder
    let latentScale: Double
    let steps: Int
    /// Images captioned at once.
    var batchSize = 100

    /// The batches `tokens` captions for `count` images (`advance` is called after each).
    func batches(count: Int) -> Int {
        (count + batchSize - 1) / batchSize
    }

    /// The word tokens `[N, L]` (row-major) of the captions of uint8 images `pixels` (`[N, S, S, 3]`); `advance` is
    /// called after each batch.
    func tokens(pixels: [UInt8], imageSize: Int, advance: () -> Void = {}) -> [Int] {
        let imageBytes = imageSize * imageSize * 3
        let count = pixels.count / imageBytes
        var words: [Int] = []
        for start in stride(from: 0, to: count, by: batchSize) {
            let end = min(count, start + batchSize)
            let images = Tensor(shape: [end - start, imageSize, imageSize, 3],
                                scalars: pixels[(start * imageBytes)..<(end * imageBytes)].map { Float($0) / 127.5 - 1 })
            let logits = withNoGradient {
                let source = tokenizer.encode(images).mean * latentScale
                return decoder(FlowTokSampler.integrate(dit, from: source, steps: steps, scale: 1))
            }
            words += Self.argmax(logits)
            advance()
        }
        return words
    }

    /// The index of the largest entry of each row of the last axis of `logits`.
    static func argmax(_ logits: Tensor) -> [Int] {
        let width = logits.shape[logits.rank - 1]
        let values = logits.floats
        return stride(from: 0, to: values.count, by: width).map { start in
            var best = start
            for index in start..<(start + width) where values[index] > values[best] { best = index }
            return best - start
        }
    }
}
