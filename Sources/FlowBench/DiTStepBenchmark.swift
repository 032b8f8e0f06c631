import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// One DiT training step (forward, flow-matching loss, `backward()`, `AdamW.step()`, zero grads) and one
/// Euler sampling run, on fixed inputs.
///
/// The default sizes are the `shapes-t2i` default model as chosen here: 32 × 32 RGB images, patch 4 (64 tokens),
/// width 256, depth 6, 4 heads, MLP × 4, a label embedding of 16 classes (a pooled caption costs the same: one
/// table lookup), batch 64; sampling is 10 Euler steps for the whole batch.
final class DiTStepBenchmark {
    /// The sizes of the model and its input.
    struct Shape {
        var batch = 64
        var imageSize = 32
        var channels = 3
        var patchSize = 4
        var width = 256
        var depth = 6
        var heads = 4
        var classes = 16
        var samplingSteps = 10

        /// The arguments that make `Scripts/bench/dit_bench.py` build the same model.
        var pythonArguments: [String] {
            ["--batch", String(batch), "--image-size", String(imageSize), "--channels", String(channels),
             "--patch", String(patchSize), "--width", String(width), "--depth", String(depth), "--heads", String(heads),
             "--classes", String(classes), "--sampling-steps", String(samplingSteps)]
        }

        var tokens: Int { (imageSize / patchSize) * (imageSize / patchSize) }
    }

    let shape: Shape
    private let model: DiT
    private let optimizer: AdamW
    private let xt: Tensor, target: Tensor, noise: Tensor, t: Tensor
    private let labels: [Int]

    init(shape: Shape = Shape()) throws {
        self.shape = shape
        var generator = RandomGenerator(seed: 0, stream: "dit-bench")
        model = try DiT(configuration: DiTConfiguration(imageSize: shape.imageSize, patchSize: shape.patchSize,
                                                        channels: shape.channels, width: shape.width, depth: shape.depth,
                                                        heads: shape.heads, conditioning: .classLabels(count: shape.classes)),
                        generator: &generator)
        optimizer = AdamW(module: model, learningRate: 1e-4, weightDecay: 1e-2)
        let imageShape = [shape.batch, shape.imageSize, shape.imageSize, shape.channels]
        xt = generator.normalTensor(imageShape)
        target = generator.normalTensor(imageShape)
        noise = generator.normalTensor(imageShape)
        t = generator.uniformTensor([shape.batch])
        labels = generator.integers(shape.batch, below: shape.classes)
    }

    /// Floating-point operations of one training step, counting the matrix products only (2mnk each):
    /// per block 24·T·C² for qkv, proj, fc1 and fc2 over T = batch · tokens, plus 4·batch·tokens²·C for
    /// attention; the patch embedding and final layer; backward is twice the forward.
    var flopsPerStep: Double { 3 * forwardFlops }

    /// Floating-point operations of one forward pass (matrix products only).
    var forwardFlops: Double {
        let tokensTotal = Double(shape.batch * shape.tokens), width = Double(shape.width)
        let patchFeatures = Double(shape.channels * shape.patchSize * shape.patchSize)
        let perBlock = 24 * tokensTotal * width * width + 4 * Double(shape.batch * shape.tokens * shape.tokens) * width
        return Double(shape.depth) * perBlock + 2 * 2 * tokensTotal * width * patchFeatures
    }

    /// Runs one training step and returns how long each phase took.
    func step() -> TransformerStepBenchmark.StepTimes {
        let start = DispatchTime.now().uptimeNanoseconds
        let loss = Tensor.meanSquaredError(model(xt, t: t, condition: .labels(labels)), target)
        let forwardEnd = DispatchTime.now().uptimeNanoseconds
        loss.backward()
        let backwardEnd = DispatchTime.now().uptimeNanoseconds
        optimizer.step()
        optimizer.zeroGradients()
        let end = DispatchTime.now().uptimeNanoseconds
        return .init(forward: Double(forwardEnd - start) / 1e6, backward: Double(backwardEnd - forwardEnd) / 1e6,
                     optimizer: Double(end - backwardEnd) / 1e6)
    }

    /// Samples one batch with `samplingSteps` Euler steps from fixed noise, without gradients; milliseconds.
    func sample() -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        withNoGradient {
            var x = noise
            let steps = shape.samplingSteps
            for index in 0..<steps {
                let times = Tensor.full([shape.batch], Double(index) / Double(steps))
                x = x + model(x, t: times, condition: .labels(labels)) * (1 / Double(steps))
            }
            _ = x
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
}
