import FlowMatching
import FlowTensor
import Foundation

/// The perplexity bound of captions under a joint model's caption flow (CrossFlows App. A.3), each caption scored
/// with the image it belongs to held fixed, as `image_to_text` samples: `-log p(C | I_1) <=` the discrete ELBO of
/// FlowMatching's `DiscretePerplexityBound` (stratified times, the model's own mixture path and token source).
struct CaptionLikelihood {
    let setup: ModalitySetup
    /// The trained network (the EMA weights when there are some).
    let network: any FlowNetwork
    /// Rows per model call.
    var batchSize = 100

    /// The bound on `-log p(C | I)` per token (nats) for `captions`, caption `i` with image `i` of `pixels` (uint8 `[N, S, S, 3]`), `timeCount` stratified
    /// times per caption; every token of the padded caption counts (the same length for every caption).
    func bound(pixels: [UInt8], captions: [String], timeCount: Int, seed: UInt64) -> Double {
        guard let caption = setup.caption, let generated = setup.generatedCaption else {
            preconditionFailure("CaptionLikelihood needs a model that generates captions (the suite's needs check this)")
        }
        let data = setup.data
        let (size, length) = (data.imageSize, data.captionLength)
        let imageBytes = size * size * 3
        let tokens = data.tokenizer.encodeBatch(captions, length: length)
        let estimator = DiscretePerplexityBound(path: generated.path, timeCount: timeCount)
        let source = generated.tokenSource(vocabularySize: data.tokenizer.vocabularySize)
        var generator = RandomGenerator(seed: seed, stream: "perplexity")
        var total = 0.0
        for start in stride(from: 0, to: captions.count, by: batchSize) {
            let end = min(captions.count, start + batchSize)
            let images = Tensor(shape: [end - start, size, size, 3],
                                scalars: pixels[(start * imageBytes)..<(end * imageBytes)].map { Float($0) / 127.5 - 1 })
            let x1 = DiscreteState(tokens: Array(tokens[(start * length)..<(end * length)]), shape: [end - start, length])
            let bound = estimator.evaluate(x1: x1, source: source, model: { xt, t in
                var state = ModalityBatch()
                state[setup.image.name] = .continuous(images)
                state[caption] = .discrete(xt)
                return network.predict(state, t: t).logits[caption]!
            }, generator: &generator)
            total += bound.negativeLogLikelihoodPerToken * Double(end - start)
        }
        return total / Double(max(1, captions.count))
    }
}
