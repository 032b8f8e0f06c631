import FlowData

/// A way to sample a trained captioned-image network from test examples, batch by batch, into named configurations.
protocol CaptionedImageSampler {
    /// Samples drawn at once.
    var batchSize: Int { get }
    /// Batches per seed for `count` test examples, over all configurations (for progress).
    func batches(count: Int) -> Int
    /// Every configuration's samples for the test examples `prompts`; nil when a stop was requested. `advance` is
    /// told after each batch.
    func sample(network: any FlowNetwork, prompts: ReferenceExamples, seed: UInt64, advance: () -> Void) throws -> [SampledImages]?
}
