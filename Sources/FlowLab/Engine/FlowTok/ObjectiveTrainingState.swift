import FlowData
import FlowNN
import FlowTensor
import Foundation

/// One model with its own objective (``ObjectiveModelOptions``) in training on captioned images: parameters,
/// optimizer, weight average, step, the data loader's position and a noise stream; everything a checkpoint needs.
final class ObjectiveTrainingState: CaptionedImageStreams {
    let key: String
    let module: Module
    let optimizer: AdamW
    let average: ExponentialMovingAverage?
    var step = 0
    var completed = false
    /// Deterministic batches of the training split; its position is checkpointed.
    var loader: CaptionedImageLoader
    /// Draws posterior samples, times and CFG-indicator flags.
    var noiseGenerator: RandomGenerator

    /// `module` trained with `spec.train`'s optimizer and weight average on `data`'s training split; random streams
    /// named after `streams`.
    init(key: String, module: Module, spec: ExperimentSpec, data: CaptionedImageData, seed: UInt64, streams: String) {
        self.key = key
        self.module = module
        let optimizerSpec = spec.train.optimizer
        optimizer = AdamW(module: module, learningRate: optimizerSpec.learningRate, betas: optimizerSpec.betas,
                          epsilon: optimizerSpec.epsilon, weightDecay: optimizerSpec.weightDecay)
        average = spec.train.emaDecay.map { ExponentialMovingAverage(module: module, decay: $0) }
        var dataStream = RandomGenerator(seed: seed, stream: "data/\(streams)")
        loader = CaptionedImageLoader(source: data.train, batchSize: spec.train.batchSize, seed: dataStream.nextWords(1)[0])
        noiseGenerator = RandomGenerator(seed: seed, stream: "noise/\(streams)")
    }
}
