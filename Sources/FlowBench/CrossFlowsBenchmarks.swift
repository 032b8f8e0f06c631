import FlowData
import FlowModels
import FlowTensor
import Foundation

/// The CrossFlows joint training step and joint sampling throughput, each next to PyTorch eager on the same threads,
/// in turns.
///
/// Goals (issue: CrossFlows on images and captions): FlowLab's step time / PyTorch's <= 0.8, and sampling pairs/s
/// >= PyTorch's. Environment: `FLOWBENCH_ONLY=crossflows` runs only these; `FLOWBENCH_CROSSFLOWS=0` skips them;
/// `FLOWBENCH_PYTORCH=0` leaves PyTorch out. Rounds and training steps per round are FlowBench's; each round also
/// samples once on each side.
enum CrossFlowsBenchmarks {
    /// The joint model of Experiments/crossflows-small.yaml on 32 px images: MM-DiT width 96, depth 3, 4 heads in
    /// patches of 4 (64 tokens); caption flow width 64, depth 2, 4 heads, reading its own 4-pixel patch encoding;
    /// 16-token `shapes` captions with a mask token; batch 64, AdamW lr 2e-3; 20 joint Euler steps per sampling run.
    static let shapesJoint = CrossFlowsBenchmarkSetting(
        model: CrossFlowsConfiguration(imageSize: 32, patchSize: 4, width: 96, depth: 3, heads: 4, captionLength: 16,
                                       vocabulary: WordTokenizer.shapes.vocabularySize + 1, captionWidth: 64,
                                       captionDepth: 2, captionHeads: 4, encoderPatchSize: 4),
        batch: 64, learningRate: 2e-3, samplingSteps: 20)

    /// The model of Experiments/crossflows.yaml's t2i_baseline (16 px in the spec; `imageSize` for a common size):
    /// MM-DiT image flow width 128, depth 4, 4 heads in patches of 4; caption flow width 96, depth 3, 4 heads, encoder
    /// patch 4; 16-token `shapes` captions with a mask token; sampled 64 images at a time by the spec's 50 Euler steps
    /// with the prompt held (`frozen_prompt`, no CFG).
    static func textToImageBaseline(imageSize: Int = 16) -> CrossFlowsBenchmarkSetting {
        CrossFlowsBenchmarkSetting(
            model: CrossFlowsConfiguration(imageSize: imageSize, patchSize: 4, width: 128, depth: 4, heads: 4, captionLength: 16,
                                           vocabulary: WordTokenizer.shapes.vocabularySize + 1, captionWidth: 96,
                                           captionDepth: 3, captionHeads: 4, encoderPatchSize: 4),
            batch: 64, learningRate: 1e-3, samplingSteps: 50)
    }

    static func run(rounds: Int, stepsPerRound: Int, machine: MachineDescription) {
        if ProcessInfo.processInfo.environment["FLOWBENCH_CROSSFLOWS"] == "0" {
            return print("CrossFlows benchmarks skipped: FLOWBENCH_CROSSFLOWS=0")
        }
        let setting = shapesJoint
        let benchmark: CrossFlowsStepBenchmark
        do { benchmark = try CrossFlowsStepBenchmark(setting: setting) } catch {
            return print("CrossFlows benchmarks skipped: \(error)")
        }
        let threads = ComputeThreads.count
        print("CrossFlows joint model (Experiments/crossflows-small.yaml at 32 px): \(setting.summary); joint training step "
              + "on batch \(setting.batch), forward + MSE + cross-entropy + backward + AdamW")
        for _ in 0..<2 { _ = benchmark.step() }
        _ = benchmark.sample(steps: 2)
        var baseline = PairedTimings.startBaseline(name: "PyTorch CrossFlows baseline", script: "crossflows_bench.py",
                                                   arguments: setting.pythonArguments, threads: threads)
        let timings = PairedTimings.measure(rounds: rounds, stepsPerRound: stepsPerRound, baseline: &baseline,
                                            step: { benchmark.step() }, sample: { benchmark.sample() })
        let tag = machine.tag(threads: threads)
        let swift = TimingSummary(timings.swiftSteps.map(\.wall))
        print(String(format: "  Swift:   best %.0f ms, median %.0f ms per joint step (%d steps)", swift.best, swift.median,
                     timings.swiftSteps.count))
        timings.printStepComparison(tag: tag, threads: threads)
        print("CrossFlows joint sampling (unconditional pairs, \(setting.samplingSteps) joint Euler steps, batch \(setting.batch), no gradients):")
        timings.printSamplingComparison(items: setting.batch, unit: "pairs", tag: tag, threads: threads)
    }
}
