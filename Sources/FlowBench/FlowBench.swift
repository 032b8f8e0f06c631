import FlowTensor
import Foundation

/// `make bench`: speed figures for this machine, each next to the best alternative measured in the same run.
///
/// Environment: `FLOWLAB_THREADS` sets the threads (default: all cores); `FLOWBENCH_ROUNDS` (default 4) and
/// `FLOWBENCH_STEPS` (default 3) set how many rounds of how many steps Swift and PyTorch take in turns;
/// `FLOWBENCH_PYTORCH=0` leaves PyTorch out (for profiling the Swift step alone); `FLOWBENCH_ONLY=minilm` runs only
/// the all-MiniLM-L6-v2 benchmark, `FLOWBENCH_ONLY=inception` only the FID Inception one, `FLOWBENCH_ONLY=dit`
/// only the DiT training step and sampling, `FLOWBENCH_ONLY=crossflows` only the CrossFlows joint step and sampling,
/// `FLOWBENCH_ONLY=flowtok` only the FlowTok step and sampling and the sampling-throughput table (after the machine
/// lines).
@main
struct FlowBench {
    static func main() throws {
        let environment = ProcessInfo.processInfo.environment
        ComputeThreads.set(ComputeThreads.count)  // OpenBLAS (the ceiling) on the same threads as FlowTensor
        if environment["FLOWBENCH_ONLY"] == "minilm" { return MiniLMBenchmark.run() }
        if environment["FLOWBENCH_ONLY"] == "inception" { return InceptionBenchmark.run() }
        let rounds = environment["FLOWBENCH_ROUNDS"].flatMap(Int.init) ?? 4
        let stepsPerRound = environment["FLOWBENCH_STEPS"].flatMap(Int.init) ?? 3
        if environment["FLOWBENCH_ONLY"] == "images" { return ImageBenchmarks.run() }  // `FLOWBENCH_ONLY=images make bench`
        print("FlowLab benchmarks: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ComputeThreads.count) threads, "
              + "BLAS threads \(ComputeThreads.blasThreads), load average \(formatLoad())")
        let machine = MachineDescription.current(threads: ComputeThreads.count)
        for line in machine.lines { print(line) }
        if environment["FLOWBENCH_ONLY"] == "dit" {  // `FLOWBENCH_ONLY=dit make bench`
            DiTBenchmarks.run(rounds: rounds, stepsPerRound: stepsPerRound, machine: machine)
            return print("load average at the end: \(formatLoad())")
        }
        if environment["FLOWBENCH_ONLY"] == "crossflows" {  // `FLOWBENCH_ONLY=crossflows make bench`
            CrossFlowsBenchmarks.run(rounds: rounds, stepsPerRound: stepsPerRound, machine: machine)
            return print("load average at the end: \(formatLoad())")
        }
        if environment["FLOWBENCH_ONLY"] == "flowtok" {  // `FLOWBENCH_ONLY=flowtok make bench`
            FlowTokBenchmarks.run(rounds: rounds, stepsPerRound: stepsPerRound, machine: machine)
            return print("load average at the end: \(formatLoad())")
        }

        // The machine may be shared: the ceiling is measured in every round too, and its best is kept.
        let gemm = GemmCeiling()
        var ceiling = gemm.measure()

        let benchmark = TransformerStepBenchmark()
        let shape = benchmark.shape
        print("Transformer block training step: width \(shape.width), \(shape.heads) heads, \(shape.tokens) tokens, "
              + "batch \(shape.batch), GELU-tanh MLP x\(shape.mlpRatio), forward + backward + AdamW")
        for _ in 0..<2 { _ = benchmark.step() }

        var baseline: PyTorchStepBaseline?
        if environment["FLOWBENCH_PYTORCH"] == "0" {
            print("PyTorch baseline skipped: FLOWBENCH_PYTORCH=0")
        } else if PyTorchStepBaseline.isAvailable {
            do { baseline = try PyTorchStepBaseline(shape: shape, threads: ComputeThreads.count) } catch {
                print("PyTorch baseline skipped: \(error)")
            }
        } else {
            print("PyTorch baseline skipped: `python3 -c 'import torch'` fails")
        }

        var swiftSteps: [TransformerStepBenchmark.StepTimes] = []
        var torchTimes: [Double] = []
        for _ in 0..<rounds {
            ceiling = max(ceiling, gemm.measure(repeats: 3))
            for _ in 0..<stepsPerRound { swiftSteps.append(benchmark.step()) }
            if let running = baseline {
                do { torchTimes += try running.steps(stepsPerRound) } catch {
                    print("PyTorch baseline stopped: \(error)")
                    baseline = nil
                }
            }
        }
        baseline?.finish()
        print(String(format: "  sgemm ceiling (1024x1024x1024, best of %d): %.1f GFLOP/s", 5 + 3 * rounds, ceiling))

        let swift = TimingSummary(swiftSteps.map(\.total))
        let gigaflops = benchmark.flopsPerStep / 1e9
        print(String(format: "  FLOPs per step (matrix products, forward + backward): %.2f GFLOP", gigaflops))
        print(String(format: "  Swift:   best %.1f ms, median %.1f ms per step (%d steps; median forward %.1f, backward %.1f, AdamW %.1f ms)",
                     swift.best, swift.median, swiftSteps.count, TimingSummary(swiftSteps.map(\.forward)).median,
                     TimingSummary(swiftSteps.map(\.backward)).median, TimingSummary(swiftSteps.map(\.optimizer)).median))
        let rate = gigaflops / (swift.best / 1e3)
        print(String(format: "  Swift:   %.1f GFLOP/s at best, %.0f%% of the sgemm ceiling", rate, 100 * rate / ceiling))
        if !torchTimes.isEmpty {
            let torch = TimingSummary(torchTimes)
            print(String(format: "  PyTorch: best %.1f ms, median %.1f ms per step (%d steps, eager CPU, %d threads)",
                         torch.best, torch.median, torchTimes.count, ComputeThreads.count))
            print(String(format: "  Swift / PyTorch time: %.2f at best, %.2f at median ", swift.best / torch.best, swift.median / torch.median)
                  + machine.tag(threads: ComputeThreads.count))
        }
        DiTBenchmarks.run(rounds: rounds, stepsPerRound: stepsPerRound, machine: machine)
        CrossFlowsBenchmarks.run(rounds: rounds, stepsPerRound: stepsPerRound, machine: machine)
        FlowTokBenchmarks.run(rounds: rounds, stepsPerRound: stepsPerRound, machine: machine)
        MetricBenchmarks.run(threads: ComputeThreads.count, machine: machine)
        ShapesBenchmarks.run()
        ImageBenchmarks.run()
        MiniLMBenchmark.run()
        InceptionBenchmark.run()
        SceneReaderBenchmarks.run()
        print("load average at the end: \(formatLoad())")
    }

    private static func formatLoad() -> String {
        loadAverage().map { String(format: "%.2f", $0) } ?? "unknown"
    }
}
