import FlowLab
import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// One FlowTok text-to-image training step and one sampling run, on fixed inputs, at the sizes of a
/// `FlowTokBenchmarkSetting`.
///
/// The frozen encoders' outputs are fixed inputs, as in training where they are frozen: MiniLM token states
/// `[B, L, 384]` and the tokenizer's image tokens `[B, L, d]`. The step is the engine's objective on fixed draws
/// (`FlowTokObjective.loss(model:features:imageTokens:draws:)`: projector, KL, contrastive alignment, the DiT with
/// the CFG indicator, MSE), `backward()`, `AdamW.step()`. Sampling is the engine's `FlowTokSampler.images`: projector
/// sample, Euler steps with the CFG indicator (both halves in one forward pass), the tokenizer's decoder to pixels.
final class FlowTokStepBenchmark {
    let setting: FlowTokBenchmarkSetting
    private let flow: FlowTokFlowModel
    private let tokenizer: ImageTokenizer
    private let optimizer: AdamW
    private let features: Tensor, imageTokens: Tensor
    private let draws: FlowTokDraws

    init(setting: FlowTokBenchmarkSetting) throws {
        self.setting = setting
        var generator = RandomGenerator(seed: 0, stream: "flowtok-bench")
        flow = try setting.makeFlow(generator: &generator)
        tokenizer = try setting.makeTokenizer(generator: &generator)
        optimizer = AdamW(module: flow, learningRate: setting.learningRate, weightDecay: 0)
        features = generator.normalTensor([setting.batch, setting.tokens, setting.featureWidth])
        imageTokens = generator.normalTensor([setting.batch, setting.tokens, setting.latentChannels])
        draws = FlowTokDraws.draw(batch: setting.batch, tokens: setting.tokens, channels: setting.latentChannels,
                                  cfgProbability: setting.cfgProbability, generator: &generator)
    }

    /// Runs one training step and returns how long each phase took, and the whole step's timing (wall and CPU).
    func step() -> (phases: TransformerStepBenchmark.StepTimes, total: BenchTiming) {
        let objective = setting.objective
        var phases = TransformerStepBenchmark.StepTimes(forward: 0, backward: 0, optimizer: 0)
        let total = BenchTiming.measure {
            let start = DispatchTime.now().uptimeNanoseconds
            let (loss, _) = objective.loss(model: flow, features: features, imageTokens: imageTokens, draws: draws)
            let forwardEnd = DispatchTime.now().uptimeNanoseconds
            loss.backward()
            let backwardEnd = DispatchTime.now().uptimeNanoseconds
            optimizer.step()
            optimizer.zeroGradients()
            let end = DispatchTime.now().uptimeNanoseconds
            phases = .init(forward: Double(forwardEnd - start) / 1e6, backward: Double(backwardEnd - forwardEnd) / 1e6,
                           optimizer: Double(end - backwardEnd) / 1e6)
        }
        return (phases, total)
    }

    /// Samples one batch of images with the setting's Euler steps (or `steps`), without gradients.
    func sample(steps: Int? = nil) -> BenchTiming {
        var generator = RandomGenerator(seed: 1, stream: "flowtok-bench-sampling")
        return BenchTiming.measure {
            _ = FlowTokSampler.images(model: flow, tokenizer: tokenizer, features: features, steps: steps ?? setting.samplingSteps,
                                      scale: setting.scale, latentScale: 1, generator: &generator)
        }
    }
}
