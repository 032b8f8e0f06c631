import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// One model in training: its parameters, optimizer, weight average, step and random streams.
///
/// Everything needed to continue bit for bit is here, so a checkpoint of it resumes exactly.
final class TrainingState: TrainableState {
    /// The variant that trains this model (variants with the same training settings share it).
    let key: String
    let model: MLPFlowModel
    let optimizer: AdamW
    let average: ExponentialMovingAverage?
    var step: Int
    var completed: Bool
    /// Draws training data.
    var dataGenerator: RandomGenerator
    /// Draws times, noise, source tokens, path draws and condition dropout.
    var noiseGenerator: RandomGenerator

    /// A fresh model of `setup`; its random streams are named after `streams` (by default the key), so a stage
    /// trains the same whatever the spec that uses it calls it.
    init(key: String, setup: FlowSetup, seed: UInt64, streams: String? = nil) {
        self.key = key
        let streams = streams ?? key
        var initialization = RandomGenerator(seed: seed, stream: "init/\(streams)")
        let model = MLPFlowModel(configuration: setup.modelConfiguration, generator: &initialization)
        self.model = model
        let optimizerSpec = setup.spec.train.optimizer
        optimizer = AdamW(module: model, learningRate: optimizerSpec.learningRate,
                          betas: optimizerSpec.betas,
                          epsilon: optimizerSpec.epsilon, weightDecay: optimizerSpec.weightDecay)
        average = setup.spec.train.emaDecay.map { ExponentialMovingAverage(module: model, decay: $0) }
        step = 0
        completed = false
        dataGenerator = RandomGenerator(seed: seed, stream: "data/\(streams)")
        noiseGenerator = RandomGenerator(seed: seed, stream: "noise/\(streams)")
    }

    var module: Module { model }

    /// The parameters to sample with: the weight average when there is one.
    func samplingModel(setup: FlowSetup) -> MLPFlowModel {
        guard let average else { return model }
        var unused = RandomGenerator(seed: 0)
        let copy = MLPFlowModel(configuration: setup.modelConfiguration, generator: &unused)
        average.copy(into: copy)
        return copy
    }

    /// The random streams as JSON, for the checkpoint.
    var generatorsJSON: String {
        let data = try! JSONEncoder().encode([dataGenerator, noiseGenerator])
        return String(decoding: data, as: UTF8.self)
    }

    /// Restores the random streams written by `generatorsJSON`.
    func restoreGenerators(from json: String, file: URL) throws {
        guard let generators = try? JSONDecoder().decode([RandomGenerator].self, from: Data(json.utf8)), generators.count == 2 else {
            throw ExperimentError("\(file.path): /\(key) has an unreadable 'rng' attribute")
        }
        dataGenerator = generators[0]
        noiseGenerator = generators[1]
    }
}
