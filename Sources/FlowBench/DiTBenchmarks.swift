import FlowTensor
import Foundation

/// The DiT training step and sampling throughput, each next to PyTorch eager on the same threads, in turns.
///
/// Environment: `FLOWBENCH_DIT=0` skips them; `FLOWBENCH_DIT_SAMPLING_STEPS` (default 10) sets the Euler steps
/// of one sampling run; `FLOWBENCH_PYTORCH=0` leaves PyTorch out. Rounds and steps per round are FlowBench's.
enum DiTBenchmarks {
    static func run(rounds: Int, stepsPerRound: Int) {
        let environment = ProcessInfo.processInfo.environment
        if environment["FLOWBENCH_DIT"] == "0" {
            print("DiT benchmarks skipped: FLOWBENCH_DIT=0")
            return
        }
        var shape = DiTStepBenchmark.Shape()
        if let steps = environment["FLOWBENCH_DIT_SAMPLING_STEPS"].flatMap(Int.init), steps > 0 { shape.samplingSteps = steps }
        let benchmark: DiTStepBenchmark
        do { benchmark = try DiTStepBenchmark(shape: shape) } catch {
            print("DiT benchmarks skipped: \(error)")
            return
        }
        print("DiT training step: \(shape.imageSize)x\(shape.imageSize)x\(shape.channels) images, patch \(shape.patchSize) "
              + "(\(shape.tokens) tokens), width \(shape.width), depth \(shape.depth), \(shape.heads) heads, MLP x4, "
              + "\(shape.classes) classes, batch \(shape.batch), forward + backward + AdamW; CPU \(cpuName()), "
              + "OpenBLAS kernels \(ComputeThreads.blasCoreName)")
        for _ in 0..<2 { _ = benchmark.step() }
        _ = benchmark.sample()

        var baseline: PyTorchDiTBaseline?
        if environment["FLOWBENCH_PYTORCH"] == "0" {
            print("PyTorch DiT baseline skipped: FLOWBENCH_PYTORCH=0")
        } else if PyTorchStepBaseline.isAvailable {
            do { baseline = try PyTorchDiTBaseline(shape: shape, threads: ComputeThreads.count) } catch {
                print("PyTorch DiT baseline skipped: \(error)")
            }
        } else {
            print("PyTorch DiT baseline skipped: `python3 -c 'import torch'` fails")
        }

        var swiftSteps: [TransformerStepBenchmark.StepTimes] = [], torchSteps: [Double] = []
        var swiftSampling: [Double] = [], torchSampling: [Double] = []
        let samplingRounds = max(1, rounds / 2)
        for round in 0..<rounds {
            for _ in 0..<stepsPerRound { swiftSteps.append(benchmark.step()) }
            if round < samplingRounds { swiftSampling.append(benchmark.sample()) }
            if let running = baseline {
                do {
                    torchSteps += try running.steps(stepsPerRound)
                    if round < samplingRounds { torchSampling += try running.samplings(1) }
                } catch {
                    print("PyTorch DiT baseline stopped: \(error)")
                    baseline = nil
                }
            }
        }
        baseline?.finish()

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
                         torch.best, torch.median, torchSteps.count, ComputeThreads.count))
            print(String(format: "  Swift / PyTorch step time: %.2f at best, %.2f at median (goal <= 0.8)",
                         swift.best / torch.best, swift.median / torch.median))
        }
        let images = Double(shape.batch)
        let swiftRate = images / (TimingSummary(swiftSampling).best / 1e3)
        print(String(format: "DiT sampling (%d Euler steps, batch %d, no gradients): Swift %.1f images/s at best (%d runs)",
                     shape.samplingSteps, shape.batch, swiftRate, swiftSampling.count))
        if !torchSampling.isEmpty {
            let torchRate = images / (TimingSummary(torchSampling).best / 1e3)
            print(String(format: "  PyTorch %.1f images/s at best (%d runs); Swift / PyTorch throughput: %.2f (goal >= 1)",
                         torchRate, torchSampling.count, swiftRate / torchRate))
        }
    }

    /// The CPU model from /proc/cpuinfo, or "unknown CPU".
    static func cpuName() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown CPU" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}
