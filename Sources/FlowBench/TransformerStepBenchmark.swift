import FlowNN
import FlowTensor
import Foundation

/// One training step of FlowNN's pre-LN `TransformerBlock`: forward, loss, `backward()`, `AdamW.step()`, zero grads.
///
/// The shapes are a CLIP-text-sized block: width 384, 6 heads, 77 tokens, batch 32, GELU (tanh) MLP × 4.
final class TransformerStepBenchmark {
    /// The sizes of the block and its input.
    struct Shape {
        var batch = 32
        var tokens = 77
        var width = 384
        var heads = 6
        var mlpRatio = 4
    }

    /// Milliseconds spent in each phase of one step.
    struct StepTimes {
        var forward: Double
        var backward: Double
        var optimizer: Double
        var total: Double { forward + backward + optimizer }
    }

    let shape: Shape
    private let block: TransformerBlock
    private let optimizer: AdamW
    private let input: Tensor

    init(shape: Shape = Shape()) {
        self.shape = shape
        var generator = RandomGenerator(seed: 0, stream: "transformer-bench")
        block = TransformerBlock(width: shape.width, heads: shape.heads, mlpRatio: Double(shape.mlpRatio),
                                 activation: .geluTanh, generator: &generator)
        optimizer = AdamW(module: block, learningRate: 1e-4, weightDecay: 1e-2)
        input = generator.normalTensor([shape.batch, shape.tokens, shape.width])
    }

    /// Floating-point operations of one step, counting the matrix products only (2mnk each).
    ///
    /// Forward, per token T = batch · tokens and width C: qkv 2·T·C·3C, projection 2·T·C·C, fc1 2·T·C·4C and
    /// fc2 2·T·4C·C (24·T·C² in all), plus attention scores q kᵀ and the weighted values, 2·batch·tokens²·C
    /// each. Backward runs two products of the same size per forward product (input and weight gradients),
    /// so the step is 3 × forward. Layer norms, softmax, GELU, bias and optimizer work are not counted.
    var flopsPerStep: Double {
        let tokensTotal = Double(shape.batch * shape.tokens), width = Double(shape.width)
        let dense = 2 * tokensTotal * width * width * Double(3 + 1 + 2 * shape.mlpRatio)
        let attention = 4 * Double(shape.batch) * Double(shape.tokens * shape.tokens) * width
        return 3 * (dense + attention)
    }

    /// Runs one training step and returns how long each phase took.
    func step() -> StepTimes {
        let start = DispatchTime.now().uptimeNanoseconds
        let loss = block(input).squared().mean()
        let forwardEnd = DispatchTime.now().uptimeNanoseconds
        loss.backward()
        let backwardEnd = DispatchTime.now().uptimeNanoseconds
        optimizer.step()
        optimizer.zeroGradients()
        let end = DispatchTime.now().uptimeNanoseconds
        return StepTimes(forward: Double(forwardEnd - start) / 1e6, backward: Double(backwardEnd - forwardEnd) / 1e6,
                         optimizer: Double(end - backwardEnd) / 1e6)
    }
}
