import FlowMatching
import FlowModels
import FlowNN
import FlowTensor

/// One CrossFlows joint training step and one joint sampling run, on fixed inputs, at the sizes of a
/// `CrossFlowsBenchmarkSetting`.
///
/// The step is the engine's joint objective without the data: both flows on (I_t, C_t, t), then
/// `MSE(velocity, target) + CE(logits, clean tokens)`, `backward()`, `AdamW.step()`. Sampling draws unconditional
/// pairs with FlowMatching's `MultimodalSolver` (Algorithm 1, plain discrete Euler, no guidance) from fixed noise
/// and all-mask captions; ``sampleTextToImage(steps:)`` samples images with fixed random prompts held (the engine's
/// `frozen_prompt` guidance without CFG, as `Experiments/crossflows.yaml`'s t2i_baseline).
final class CrossFlowsStepBenchmark {
    let setting: CrossFlowsBenchmarkSetting
    private let model: CrossFlowsModel
    private let optimizer: AdamW
    private let imageState: Tensor, velocityTarget: Tensor, noise: Tensor, t: Tensor
    private let captionState: [Int], cleanCaptions: [Int], prompts: [Int]
    private let solver: MultimodalSolver

    init(setting: CrossFlowsBenchmarkSetting) throws {
        self.setting = setting
        var generator = RandomGenerator(seed: 0, stream: "crossflows-bench")
        model = try CrossFlowsModel(configuration: setting.model, generator: &generator)
        optimizer = AdamW(module: model, learningRate: setting.learningRate, weightDecay: 0)
        let c = setting.model
        let shape = [setting.batch, c.imageSize, c.imageSize, c.channels]
        imageState = generator.normalTensor(shape)
        velocityTarget = generator.normalTensor(shape)
        noise = generator.normalTensor(shape)
        t = generator.uniformTensor([setting.batch])
        captionState = generator.integers(setting.batch * c.captionLength, below: c.vocabulary)
        cleanCaptions = generator.integers(setting.batch * c.captionLength, below: setting.words)
        prompts = generator.integers(setting.batch * c.captionLength, below: setting.words)
        solver = MultimodalSolver(discretePath: MixtureDiscreteProbabilityPath(scheduler: CondOTScheduler()),
                                  steps: setting.samplingSteps)
    }

    /// Runs one training step and returns its timing (wall and CPU).
    func step() -> BenchTiming {
        BenchTiming.measure {
            let (velocity, logits) = model(images: imageState, captions: captionState, t: t)
            let loss = Tensor.meanSquaredError(velocity, velocityTarget)
                + Tensor.crossEntropy(logits: logits, targets: cleanCaptions)
            loss.backward()
            optimizer.step()
            optimizer.zeroGradients()
        }
    }

    /// Samples one batch of pairs with the setting's joint steps (or `steps`), without gradients.
    func sample(steps: Int? = nil) -> BenchTiming {
        let c = setting.model
        return solve(captions: Array(repeating: setting.words, count: setting.batch * c.captionLength), frozen: .none, steps: steps)
    }

    /// Samples one batch of images for fixed random prompts held for the whole solve (one call of both flows per
    /// step, as the engine's `frozen_prompt` guidance), with the setting's steps (or `steps`), without gradients.
    func sampleTextToImage(steps: Int? = nil) -> BenchTiming {
        solve(captions: prompts, frozen: .discrete, steps: steps)
    }

    private func solve(captions: [Int], frozen: FrozenModality, steps: Int?) -> BenchTiming {
        let c = setting.model
        let solver = steps.map { MultimodalSolver(discretePath: self.solver.discretePath, steps: $0) } ?? self.solver
        let start = JointState(continuous: noise, discrete: DiscreteState(tokens: captions, shape: [setting.batch, c.captionLength]))
        let joint = JointModelClosure { images, captions, t, dropped in
            let (velocity, logits) = self.model(images: images, captions: captions.tokens, t: t, captionDropped: dropped)
            return JointPrediction(velocity: velocity, logits: logits)
        }
        var generator = RandomGenerator(seed: 1, stream: "crossflows-bench-sampling")
        return BenchTiming.measure {
            _ = solver.sample(start: start, frozen: frozen, model: joint, generator: &generator)
        }
    }
}
