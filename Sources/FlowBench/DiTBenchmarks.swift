import FlowData
import FlowModels
import FlowTensor
import Foundation

/// The DiT training step and guided sampling throughput, each next to PyTorch eager on the same threads, in turns.
///
/// Goals: FlowLab's step time / PyTorch's <= 0.8, and FlowLab's sampling images/s >= PyTorch's.
/// Environment: `FLOWBENCH_DIT=0` skips them (`FLOWBENCH_ONLY=dit` runs only them); `FLOWBENCH_DIT_SAMPLING_STEPS`
/// (default: the setting's 50) sets the Euler steps of one sampling run; `FLOWBENCH_PYTORCH=0` leaves PyTorch out.
/// Rounds and training steps per round are FlowBench's; each round also samples once on each side. On one thread
/// the thread CPU times are printed too (steadier than wall time on a shared machine).
enum DiTBenchmarks {
    /// The model of Experiments/shapes-t2i.yaml: 32 × 32 RGB images in patches of 4 (64 tokens), width 128,
    /// depth 4, 4 heads, MLP × 4, conditioned on 16-token `shapes` captions (`WordTokenizer.shapes`) with
    /// cross-attention; trained in batches of 64 by AdamW (lr 1e-3, no weight decay, as the spec); sampled 64
    /// images at a time by 50 Euler steps of classifier-free guidance with w = 3, the conditional and
    /// null-caption halves in one forward pass of 128 images.
    static let shapesTextToImage = DiTBenchmarkSetting(
        model: DiTConfiguration(imageSize: 32, patchSize: 4, channels: 3, width: 128, depth: 4, heads: 4, mlpRatio: 4,
                                conditioning: .captions(vocabulary: WordTokenizer.shapes.vocabularySize, length: 16,
                                                        crossAttention: true)),
        batch: 64, learningRate: 1e-3, weightDecay: 0, samplingSteps: 50, guidanceScale: 3)

    static func run(rounds: Int, stepsPerRound: Int, machine: MachineDescription) {
        let environment = ProcessInfo.processInfo.environment
        if environment["FLOWBENCH_DIT"] == "0" {
            print("DiT benchmarks skipped: FLOWBENCH_DIT=0")
            return
        }
        var setting = shapesTextToImage
        if let steps = environment["FLOWBENCH_DIT_SAMPLING_STEPS"].flatMap(Int.init), steps > 0 { setting.samplingSteps = steps }
        let benchmark: DiTStepBenchmark
        do { benchmark = try DiTStepBenchmark(setting: setting) } catch {
            print("DiT benchmarks skipped: \(error)")
            return
        }
        let threads = ComputeThreads.count
        print("DiT of Experiments/shapes-t2i.yaml: \(setting.summary); training step on batch \(setting.batch), "
              + "forward + backward + AdamW; load average \(formatLoad())")
        for _ in 0..<2 { _ = benchmark.step() }
        _ = benchmark.sample(steps: 2)

        var baseline = PairedTimings.startBaseline(name: "PyTorch DiT baseline", script: "dit_bench.py",
                                                   arguments: setting.pythonArguments, threads: threads)
        var phases: [TransformerStepBenchmark.StepTimes] = []
        let timings = PairedTimings.measure(rounds: rounds, stepsPerRound: stepsPerRound, baseline: &baseline,
                                            step: { let step = benchmark.step(); phases.append(step.phases); return step.total },
                                            sample: { benchmark.sample() })

        let tag = machine.tag(threads: threads)
        let swift = TimingSummary(timings.swiftSteps.map(\.wall))
        let gigaflops = benchmark.flopsPerStep / 1e9
        print(String(format: "  FLOPs per step (matrix products, forward + backward): %.1f GFLOP", gigaflops))
        print(String(format: "  Swift:   best %.0f ms, median %.0f ms per step (%d steps; median forward %.0f, backward %.0f, AdamW %.1f ms), %.1f GFLOP/s at best",
                     swift.best, swift.median, timings.swiftSteps.count, TimingSummary(phases.map(\.forward)).median,
                     TimingSummary(phases.map(\.backward)).median, TimingSummary(phases.map(\.optimizer)).median,
                     gigaflops / (swift.best / 1e3)))
        timings.printStepComparison(tag: tag, threads: threads)
        print(String(format: "DiT sampling (%d Euler steps of CFG w = %g, batch %d as one forward pass of %d, no gradients; %.0f GFLOP per run):",
                     setting.samplingSteps, setting.guidanceScale, setting.batch, setting.samplingForwardBatch,
                     benchmark.flopsPerSampling / 1e9))
        timings.printSamplingComparison(items: setting.batch, unit: "images", tag: tag, threads: threads)
        print("DiT benchmarks done; load average \(formatLoad())")
    }

    private static func formatLoad() -> String {
        loadAverage().map { String(format: "%.2f", $0) } ?? "unknown"
    }
}
