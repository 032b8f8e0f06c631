import FlowData
import FlowModels
import FlowTensor
import Foundation

/// The DiT training step and guided sampling throughput, each next to PyTorch eager on the same threads, in turns.
///
/// Goals: FlowLab's step time / PyTorch's <= 0.8, and FlowLab's sampling images/s >= PyTorch's.
/// Environment: `FLOWBENCH_DIT=0` skips them (`FLOWBENCH_ONLY=dit` runs only them); `FLOWBENCH_DIT_SAMPLING_STEPS`
/// (default: the setting's 50) sets the Euler steps of one sampling run; `FLOWBENCH_PYTORCH=0` leaves PyTorch out.
/// Rounds and training steps per round are FlowBench's; each round also samples once on each side.
enum DiTBenchmarks {
    /// The model of Experiments/shapes-t2i.yaml: 32 × 32 RGB images in patches of 4 (64 tokens), width 128,
    /// depth 4, 4 heads, MLP × 4, conditioned on 16-token `shapes` captions (`WordTokenizer.shapes`) with
    /// cross-attention; trained in batches of 64 by AdamW (lr 1e-4, no weight decay); sampled 64 images at a
    /// time by 50 Euler steps of classifier-free guidance with w = 3, the conditional and null-caption halves
    /// in one forward pass of 128 images.
    static let shapesTextToImage = DiTBenchmarkSetting(
        model: DiTConfiguration(imageSize: 32, patchSize: 4, channels: 3, width: 128, depth: 4, heads: 4, mlpRatio: 4,
                                conditioning: .captions(vocabulary: WordTokenizer.shapes.vocabularySize, length: 16,
                                                        crossAttention: true)),
        batch: 64, learningRate: 1e-4, weightDecay: 0, samplingSteps: 50, guidanceScale: 3)

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

        var baseline: PyTorchDiTBaseline?
        if environment["FLOWBENCH_PYTORCH"] == "0" {
            print("PyTorch DiT baseline skipped: FLOWBENCH_PYTORCH=0")
        } else if PyTorchStepBaseline.isAvailable {
            do { baseline = try PyTorchDiTBaseline(setting: setting, threads: threads) } catch {
                print("PyTorch DiT baseline skipped: \(error)")
            }
        } else {
            print("PyTorch DiT baseline skipped: `python3 -c 'import torch'` fails")
        }

        // Swift and PyTorch in turns, the first side alternating by round, so both see the same load.
        var swiftSteps: [TransformerStepBenchmark.StepTimes] = [], torchSteps: [Double] = []
        var swiftSampling: [Double] = [], torchSampling: [Double] = []
        for round in 0..<rounds {
            let swiftFirst = round % 2 == 0
            if swiftFirst { for _ in 0..<stepsPerRound { swiftSteps.append(benchmark.step()) } }
            if let running = baseline {
                do { torchSteps += try running.steps(stepsPerRound) } catch {
                    print("PyTorch DiT baseline stopped: \(error)")
                    baseline = nil
                }
            }
            if !swiftFirst { for _ in 0..<stepsPerRound { swiftSteps.append(benchmark.step()) } }
            if swiftFirst { swiftSampling.append(benchmark.sample()) }
            if let running = baseline {
                do { torchSampling += try running.samplings(1) } catch {
                    print("PyTorch DiT baseline stopped: \(error)")
                    baseline = nil
                }
            }
            if !swiftFirst { swiftSampling.append(benchmark.sample()) }
        }
        baseline?.finish()

        let tag = machine.tag(threads: threads)
        let swift = TimingSummary(swiftSteps.map(\.total))
        let gigaflops = benchmark.flopsPerStep / 1e9
        print(String(format: "  FLOPs per step (matrix products, forward + backward): %.1f GFLOP", gigaflops))
        print(String(format: "  Swift:   best %.0f ms, median %.0f ms per step (%d steps; median forward %.0f, backward %.0f, AdamW %.1f ms), %.1f GFLOP/s at best",
                     swift.best, swift.median, swiftSteps.count, TimingSummary(swiftSteps.map(\.forward)).median,
                     TimingSummary(swiftSteps.map(\.backward)).median, TimingSummary(swiftSteps.map(\.optimizer)).median,
                     gigaflops / (swift.best / 1e3)))
        if !torchSteps.isEmpty {
            let torch = TimingSummary(torchSteps)
            print(String(format: "  PyTorch: best %.0f ms, median %.0f ms per step (%d steps, eager CPU, %d threads)",
                         torch.best, torch.median, torchSteps.count, threads))
            print(String(format: "  Swift / PyTorch step time: %.2f at best, %.2f at median (goal <= 0.8) ",
                         swift.best / torch.best, swift.median / torch.median) + tag)
        }
        let images = Double(setting.batch)
        let swiftSummary = TimingSummary(swiftSampling)
        print(String(format: "DiT sampling (%d Euler steps of CFG w = %g, batch %d as one forward pass of %d, no gradients; %.0f GFLOP per run):",
                     setting.samplingSteps, setting.guidanceScale, setting.batch, setting.samplingForwardBatch,
                     benchmark.flopsPerSampling / 1e9))
        print(String(format: "  Swift:   %.2f images/s at best, %.2f at median (%d runs, best %.0f ms)",
                     images / (swiftSummary.best / 1e3), images / (swiftSummary.median / 1e3), swiftSampling.count,
                     swiftSummary.best))
        if !torchSampling.isEmpty {
            let torchSummary = TimingSummary(torchSampling)
            print(String(format: "  PyTorch: %.2f images/s at best, %.2f at median (%d runs, best %.0f ms, inference mode)",
                         images / (torchSummary.best / 1e3), images / (torchSummary.median / 1e3), torchSampling.count,
                         torchSummary.best))
            print(String(format: "  Swift / PyTorch sampling throughput: %.2f at best, %.2f at median (goal >= 1) ",
                         torchSummary.best / swiftSummary.best, torchSummary.median / swiftSummary.median) + tag)
        }
        print("DiT benchmarks done; load average \(formatLoad())")
    }

    private static func formatLoad() -> String {
        loadAverage().map { String(format: "%.2f", $0) } ?? "unknown"
    }
}
