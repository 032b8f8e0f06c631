import FlowMatching
import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// One DiT training step (forward, flow-matching loss, `backward()`, `AdamW.step()`, zero grads) and one
/// guided Euler sampling run, on fixed inputs, at the sizes of a `DiTBenchmarkSetting`.
///
/// Sampling is done as the engine does it: under `withNoGradient`, each Euler step evaluates the conditional
/// and the null-condition batch (`DiT.nullCondition`) together as one forward pass on 2B images and combines
/// them with `ClassifierFreeGuidance` (`v = v_null + w (v_cond - v_null)`).
final class DiTStepBenchmark {
    let setting: DiTBenchmarkSetting
    private let model: DiT
    private let optimizer: AdamW
    private let xt: Tensor, target: Tensor, noise: Tensor, t: Tensor
    /// The training condition (random caption token ids or labels) and the sampling condition: the same
    /// followed by the null condition when guided.
    private let condition: DiTCondition, samplingCondition: DiTCondition

    init(setting: DiTBenchmarkSetting) throws {
        let problems = setting.problems
        guard problems.isEmpty else { throw BenchError("DiT benchmark setting: " + problems.joined(separator: "; ")) }
        self.setting = setting
        var generator = RandomGenerator(seed: 0, stream: "dit-bench")
        model = try DiT(configuration: setting.model, generator: &generator)
        optimizer = AdamW(module: model, learningRate: setting.learningRate, weightDecay: setting.weightDecay)
        let imageShape = [setting.batch, setting.model.imageSize, setting.model.imageSize, setting.model.channels]
        xt = generator.normalTensor(imageShape)
        target = generator.normalTensor(imageShape)
        noise = generator.normalTensor(imageShape)
        t = generator.uniformTensor([setting.batch])
        let null = model.nullCondition(batch: setting.batch)
        switch (setting.model.conditioning, null) {
        case (.captions(let vocabulary, let length, _), .captions(let nullTokens)):
            let tokens = generator.integers(setting.batch * length, below: vocabulary)
            condition = .captions(tokens)
            samplingCondition = setting.guidanceScale == 1 ? condition : .captions(tokens + nullTokens)
        case (.classLabels(let count), .labels(let nullLabels)):
            let labels = generator.integers(setting.batch, below: count)
            condition = .labels(labels)
            samplingCondition = setting.guidanceScale == 1 ? condition : .labels(labels + nullLabels)
        default:
            throw BenchError("DiT benchmark: conditioning \(setting.model.conditioning) has no random condition")
        }
    }

    /// Floating-point operations of one training step, counting the matrix products only (2mnk each);
    /// backward is twice the forward.
    var flopsPerStep: Double { 3 * forwardFlops(batch: setting.batch) }

    /// Floating-point operations of one sampling run (matrix products only).
    var flopsPerSampling: Double { Double(setting.samplingSteps) * forwardFlops(batch: setting.samplingForwardBatch) }

    /// Floating-point operations of one forward pass on `batch` images (matrix products only): per block
    /// 2·T·C²·(3 + 1 + 2·mlpRatio) for qkv, proj, fc1 and fc2 over T = batch · tokens, plus 4·batch·tokens²·C for
    /// attention; with cross-attention 4·T·C² (q, proj), 4·batch·S·C² (kv of S caption tokens) and 4·batch·tokens·S·C;
    /// the patch embedding and final layer.
    func forwardFlops(batch: Int) -> Double {
        let model = setting.model
        let tokensTotal = Double(batch * model.tokens), width = Double(model.width)
        let patchFeatures = Double(model.channels * model.patchSize * model.patchSize)
        var perBlock = 2 * tokensTotal * width * width * (4 + 2 * model.mlpRatio)
            + 4 * Double(batch * model.tokens * model.tokens) * width
        if case .captions(_, let length, true) = model.conditioning {
            let context = Double(batch * length)
            perBlock += 4 * tokensTotal * width * width + 4 * context * width * width + 4 * tokensTotal * Double(length) * width
        }
        return Double(model.depth) * perBlock + 2 * 2 * tokensTotal * width * patchFeatures
    }

    /// Runs one training step and returns how long each phase took.
    func step() -> TransformerStepBenchmark.StepTimes {
        let start = DispatchTime.now().uptimeNanoseconds
        let loss = Tensor.meanSquaredError(model(xt, t: t, condition: condition), target)
        let forwardEnd = DispatchTime.now().uptimeNanoseconds
        loss.backward()
        let backwardEnd = DispatchTime.now().uptimeNanoseconds
        optimizer.step()
        optimizer.zeroGradients()
        let end = DispatchTime.now().uptimeNanoseconds
        return .init(forward: Double(forwardEnd - start) / 1e6, backward: Double(backwardEnd - forwardEnd) / 1e6,
                     optimizer: Double(end - backwardEnd) / 1e6)
    }

    /// Samples one batch from fixed noise with `steps` guided Euler steps (default: the setting's) on the grid
    /// t = i / steps, without gradients; milliseconds.
    func sample(steps: Int? = nil) -> Double {
        let steps = steps ?? setting.samplingSteps
        let batch = setting.batch
        let guidance = setting.guidanceScale == 1 ? nil : ClassifierFreeGuidance(scale: setting.guidanceScale)
        let start = DispatchTime.now().uptimeNanoseconds
        withNoGradient {
            var x = noise
            for index in 0..<steps {
                let time = Double(index) / Double(steps)
                let velocity: Tensor
                if let guidance {
                    let both = model(Tensor.concatenate([x, x], axis: 0), t: Tensor.full([2 * batch], time),
                                     condition: samplingCondition).split([batch, batch], axis: 0)
                    velocity = guidance.combine(conditional: both[0], unconditional: both[1])
                } else {
                    velocity = model(x, t: Tensor.full([batch], time), condition: samplingCondition)
                }
                x = x + velocity * (1 / Double(steps))
            }
            _ = x
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
}
