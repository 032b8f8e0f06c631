import FlowModels
import FlowTensor
import Foundation

/// The FlowTok text-to-image training step and sampling throughput, each next to PyTorch eager on the same threads,
/// in turns; then the sampling throughput of FlowTok, the CrossFlows image model and the noise-source DiT in FlowLab
/// (``SamplingThroughputComparison``, the paper's efficiency claim at this scale).
///
/// Goals (issue 14): FlowLab's step time / PyTorch's <= 0.8, and sampling images/s >= PyTorch's. Environment:
/// `FLOWBENCH_ONLY=flowtok` runs only these; `FLOWBENCH_FLOWTOK=0` skips them; `FLOWBENCH_PYTORCH=0` leaves PyTorch out.
/// Rounds and training steps per round are FlowBench's; each round also samples once on each side.
enum FlowTokBenchmarks {
    /// The flow of Experiments/flowtok.yaml: L = 16 tokens of d = 8 channels, DiT width 128, depth 4, 4 heads,
    /// MLP x4; projector over MiniLM's 384-wide token states, 1 post-LN block of 4 heads and MLP 256; MLP alignment
    /// target, contrastive loss (weight 1), reference KL (weight 0.01), CFG indicator p = 0.1; batch 32, AdamW lr 1e-3;
    /// the tokenizer of its `tokenizer` stage (16 px, patch 4, width 64, depth 2, 4 heads); sampled 32 images at a time
    /// by 20 Euler steps at CFG-indicator scale s = 2 (the spec samples s = 1 and 2; s = 2 costs a forward pass of 2B).
    static let flowTok = FlowTokBenchmarkSetting(
        dit: FlowTokDiTConfiguration(tokens: 16, channels: 8, width: 128, depth: 4, heads: 4, mlpRatio: 4),
        featureWidth: 384, projectorDepth: 1, projectorHeads: 4, projectorHidden: 256,
        alignmentHidden: 512,
        tokenizer: ImageTokenizerConfiguration(imageSize: 16, patchSize: 4, width: 64, depth: 2, heads: 4, latentTokens: 16,
                                               latentChannels: 8),
        batch: 32, learningRate: 1e-3, klWeight: 0.01, alignmentWeight: 1, cfgProbability: 0.1, samplingSteps: 20, scale: 2)

    static func run(rounds: Int, stepsPerRound: Int, machine: MachineDescription) {
        if ProcessInfo.processInfo.environment["FLOWBENCH_FLOWTOK"] == "0" {
            return print("FlowTok benchmarks skipped: FLOWBENCH_FLOWTOK=0")
        }
        let setting = flowTok
        let benchmark: FlowTokStepBenchmark
        do { benchmark = try FlowTokStepBenchmark(setting: setting) } catch {
            return print("FlowTok benchmarks skipped: \(error)")
        }
        let threads = ComputeThreads.count
        print("FlowTok text-to-image flow (Experiments/flowtok.yaml): \(setting.summary); training step on batch "
              + "\(setting.batch) from fixed MiniLM states and image tokens: projector + KL + contrastive alignment + "
              + "DiT with the CFG indicator + MSE + backward + AdamW")
        for _ in 0..<2 { _ = benchmark.step() }
        _ = benchmark.sample(steps: 2)
        var baseline = PairedTimings.startBaseline(name: "PyTorch FlowTok baseline", script: "flowtok_bench.py",
                                                   arguments: setting.pythonArguments, threads: threads)
        var phases: [TransformerStepBenchmark.StepTimes] = []
        let timings = PairedTimings.measure(rounds: rounds, stepsPerRound: stepsPerRound, baseline: &baseline,
                                            step: { let step = benchmark.step(); phases.append(step.phases); return step.total },
                                            sample: { benchmark.sample() })
        let tag = machine.tag(threads: threads)
        let swift = TimingSummary(timings.swiftSteps.map(\.wall))
        print(String(format: "  Swift:   best %.0f ms, median %.0f ms per step (%d steps; median forward %.0f, backward %.0f, AdamW %.1f ms)",
                     swift.best, swift.median, timings.swiftSteps.count, TimingSummary(phases.map(\.forward)).median,
                     TimingSummary(phases.map(\.backward)).median, TimingSummary(phases.map(\.optimizer)).median))
        timings.printStepComparison(tag: tag, threads: threads)
        print("FlowTok sampling (projector, \(setting.samplingSteps) Euler steps at CFG-indicator s = \(String(format: "%g", setting.scale)) "
              + "as one forward pass of \(2 * setting.batch), tokenizer decoder to \(setting.tokenizer.imageSize) px; batch \(setting.batch), no gradients):")
        timings.printSamplingComparison(items: setting.batch, unit: "images", tag: tag, threads: threads)
        SamplingThroughputComparison.run(rounds: rounds, flowTok: benchmark, machine: machine)
    }
}
