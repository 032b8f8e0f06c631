import FlowData
import FlowModels
import FlowNN
import FlowTensor

/// The settings and training loop the `shapes` evaluator networks share (`SceneReaderTraining`, `ShapesCLIPTraining`):
/// each trains on the train split rendered on the fly from its own data seed, step `s` drawing images
/// `s · batchSize + i` (never an image twice), by AdamW with a cosine decay.
protocol ShapesEvaluatorTraining {
    /// Optimiser steps.
    var steps: Int { get }
    /// Images per step.
    var batchSize: Int { get }
    /// Peak learning rate (cosine decay to zero).
    var learningRate: Double { get }
    /// AdamW's decoupled weight decay.
    var weightDecay: Double { get }
    /// Seed of the `shapes` images it trains and is tested on (its own).
    var dataSeed: UInt64 { get }
    /// Objects per image.
    var objectCounts: [Int] { get }
    /// Side of the images the network reads.
    var imageSize: Int { get }
}

extension ShapesEvaluatorTraining {
    /// The `shapes` settings of its training and test images; throws a `DataError` for a bad size or object count.
    func shapesConfiguration() throws -> ShapesConfiguration {
        try ShapesConfiguration(imageSize: imageSize, objectCounts: objectCounts, seed: dataSeed)
    }

    /// Trains `model` for `steps` steps: `loss(examples, pixels)` on each step's examples and their rendered
    /// pixels `[N, S, S, 3]`, then AdamW, then `afterStep()`; `progress(step, loss)` after every step (steps from 1).
    func trainLoop(_ model: Module, loss: (_ examples: [ShapesGenerator.Example], _ pixels: [UInt8]) -> Tensor,
                   afterStep: () -> Void = {}, progress: (_ step: Int, _ loss: Double) -> Void) throws {
        let generator = ShapesGenerator(configuration: try shapesConfiguration(), split: .train)
        let optimizer = AdamW(module: model, learningRate: learningRate, weightDecay: weightDecay)
        let schedule = CosineSchedule(peak: learningRate, totalSteps: steps, warmupSteps: min(50, steps / 10))
        for step in 0..<steps {
            let examples = (0..<batchSize).map { generator.example(at: step * batchSize + $0) }
            optimizer.learningRate = schedule.learningRate(at: step)
            let value = loss(examples, Self.render(examples, imageSize: imageSize))
            value.backward()
            optimizer.step()
            optimizer.zeroGradients()
            afterStep()
            progress(step + 1, value.item)
        }
        model.eval()
    }

    /// The pixels `[N, S, S, 3]` of drawn examples.
    static func render(_ examples: [ShapesGenerator.Example], imageSize: Int) -> [UInt8] {
        let renderer = try! ShapeRenderer(imageSize: imageSize)  // the configuration checked the size
        var pixels: [UInt8] = []
        pixels.reserveCapacity(examples.count * imageSize * imageSize * 3)
        for example in examples { pixels += renderer.render(example.scene, variation: example.variation) }
        return pixels
    }
}
