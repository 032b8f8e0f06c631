import FlowData
import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// One flow network in training on captioned images: parameters, optimizer, weight average, step, the data
/// loader's position and the noise stream; everything a checkpoint needs to continue bit for bit.
final class ModalityTrainingState: CaptionedImageStreams {
    let key: String
    let network: any FlowNetwork
    let optimizer: AdamW
    let average: ExponentialMovingAverage?
    var step = 0
    var completed = false
    /// Deterministic batches of the training split; its position is checkpointed.
    var loader: CaptionedImageLoader
    /// Draws times, noise and condition dropout.
    var noiseGenerator: RandomGenerator
    /// The frozen alignment teacher (not trained, not checkpointed), when the setup has an alignment term and its
    /// stage was given.
    let teacher: (any AlignmentTeacherEncoder)?

    /// A fresh network of `setup`; its random streams are named after `streams` (by default the key), so a stage
    /// trains the same whatever the spec that uses it calls it. The alignment teacher is loaded from `frozen` when
    /// it holds the teacher stage's checkpoint.
    init(key: String, setup: ModalitySetup, seed: UInt64, streams: String? = nil, frozen: FrozenStages = .none) throws {
        self.key = key
        let streams = streams ?? key
        var initialization = RandomGenerator(seed: seed, stream: "init/\(streams)")
        let network = try setup.makeNetwork(generator: &initialization)
        self.network = network
        let optimizerSpec = setup.spec.train.optimizer
        optimizer = AdamW(module: network.module, learningRate: optimizerSpec.learningRate, betas: optimizerSpec.betas,
                          epsilon: optimizerSpec.epsilon, weightDecay: optimizerSpec.weightDecay)
        average = setup.spec.train.emaDecay.map { ExponentialMovingAverage(module: network.module, decay: $0) }
        var dataStream = RandomGenerator(seed: seed, stream: "data/\(streams)")
        let dataSeed = dataStream.nextWords(1)[0]
        loader = CaptionedImageLoader(source: setup.data.train, batchSize: setup.spec.train.batchSize, seed: dataSeed)
        noiseGenerator = RandomGenerator(seed: seed, stream: "noise/\(streams)")
        if let alignment = setup.alignment, alignment.teacher.isAvailable(in: frozen) {
            teacher = try alignment.teacher.load(frozen: frozen)
        } else {
            teacher = nil
        }
        if let attention = setup.alignment?.attention, let crossflows = network as? CrossFlowsFlowNetwork {
            crossflows.attentionBlocks = attention.studentBlocks  // only the trained network; sampling copies skip them
        }
    }

    var module: Module { network.module }

    /// The network to sample with: a copy holding the weight average when training keeps one.
    func samplingNetwork(setup: ModalitySetup) throws -> any FlowNetwork {
        guard let average else { return network }
        var unused = RandomGenerator(seed: 0)
        let copy = try setup.makeNetwork(generator: &unused)
        average.copy(into: copy.module)
        return copy
    }
}
