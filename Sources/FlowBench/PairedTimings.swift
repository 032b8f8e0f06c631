import Foundation

/// FlowLab's and PyTorch's training steps and sampling runs of one benchmark, measured in turns so that both see the
/// same load, with the lines that compare them.
///
/// ```swift
/// var baseline: PyTorchServedBaseline? = try? PyTorchServedBaseline(name: "PyTorch DiT baseline", ...)
/// let timings = PairedTimings.measure(rounds: 4, stepsPerRound: 3, baseline: &baseline,
///                                     step: { benchmark.step().total }, sample: { benchmark.sample() })
/// timings.printStepComparison(tag: machine.tag(threads: 2))
/// ```
struct PairedTimings {
    var swiftSteps: [BenchTiming] = []
    var torchSteps: [BenchTiming] = []
    var swiftSamplings: [BenchTiming] = []
    var torchSamplings: [BenchTiming] = []

    /// Runs `rounds` rounds of `stepsPerRound` steps and one sampling run on each side, the first side alternating by
    /// round. A baseline that fails is reported and dropped (set to nil); the rest is measured without it.
    static func measure(rounds: Int, stepsPerRound: Int, baseline: inout PyTorchServedBaseline?,
                        step: () -> BenchTiming, sample: () -> BenchTiming) -> PairedTimings {
        var timings = PairedTimings()
        func torch(_ run: (PyTorchServedBaseline) throws -> [BenchTiming], into list: inout [BenchTiming]) {
            guard let running = baseline else { return }
            do { list += try run(running) } catch {
                print("\(running.name) stopped: \(error)")
                baseline = nil
            }
        }
        for round in 0..<rounds {
            let swiftFirst = round % 2 == 0
            if swiftFirst { for _ in 0..<stepsPerRound { timings.swiftSteps.append(step()) } }
            torch({ try $0.steps(stepsPerRound) }, into: &timings.torchSteps)
            if !swiftFirst { for _ in 0..<stepsPerRound { timings.swiftSteps.append(step()) } }
            if swiftFirst { timings.swiftSamplings.append(sample()) }
            torch({ try $0.samplings(1) }, into: &timings.torchSamplings)
            if !swiftFirst { timings.swiftSamplings.append(sample()) }
        }
        baseline?.finish()
        return timings
    }

    /// PyTorch's step line and the step-time ratio (goal <= 0.8); on one thread the CPU-time ratio too.
    func printStepComparison(tag: String, threads: Int) {
        guard !torchSteps.isEmpty else { return }
        let swift = TimingSummary(swiftSteps.map(\.wall)), torch = TimingSummary(torchSteps.map(\.wall))
        print(String(format: "  PyTorch: best %.0f ms, median %.0f ms per step (%d steps, eager CPU, %d threads)",
                     torch.best, torch.median, torchSteps.count, threads))
        print(String(format: "  Swift / PyTorch step time: %.2f at best, %.2f at median (goal <= 0.8) ",
                     swift.best / torch.best, swift.median / torch.median) + tag)
        if threads == 1 {
            let swiftCPU = TimingSummary(swiftSteps.map(\.cpu)), torchCPU = TimingSummary(torchSteps.map(\.cpu))
            print(String(format: "  CPU time per step: Swift median %.0f ms, PyTorch %.0f ms; Swift / PyTorch %.2f at best, %.2f at median",
                         swiftCPU.median, torchCPU.median, swiftCPU.best / torchCPU.best, swiftCPU.median / torchCPU.median))
        }
    }

    /// Both sides' sampling throughput in `unit` per second (`items` per run) and their ratio (goal >= 1); on one
    /// thread the CPU-time throughput too.
    func printSamplingComparison(items: Int, unit: String, tag: String, threads: Int) {
        let count = Double(items)
        let swift = TimingSummary(swiftSamplings.map(\.wall))
        print(String(format: "  Swift:   %.2f \(unit)/s at best, %.2f at median (%d runs, best %.0f ms)",
                     count / (swift.best / 1e3), count / (swift.median / 1e3), swiftSamplings.count, swift.best))
        guard !torchSamplings.isEmpty else { return }
        let torch = TimingSummary(torchSamplings.map(\.wall))
        print(String(format: "  PyTorch: %.2f \(unit)/s at best, %.2f at median (%d runs, best %.0f ms, inference mode)",
                     count / (torch.best / 1e3), count / (torch.median / 1e3), torchSamplings.count, torch.best))
        print(String(format: "  Swift / PyTorch sampling throughput: %.2f at best, %.2f at median (goal >= 1) ",
                     torch.best / swift.best, torch.median / swift.median) + tag)
        if threads == 1 {
            let swiftCPU = TimingSummary(swiftSamplings.map(\.cpu)), torchCPU = TimingSummary(torchSamplings.map(\.cpu))
            print(String(format: "  CPU time per sampling run: Swift median %.0f ms (%.2f \(unit)/s), PyTorch %.0f ms (%.2f \(unit)/s); Swift / PyTorch throughput %.2f at best, %.2f at median",
                         swiftCPU.median, count / (swiftCPU.median / 1e3), torchCPU.median, count / (torchCPU.median / 1e3),
                         torchCPU.best / swiftCPU.best, torchCPU.median / swiftCPU.median))
        }
    }

    /// The PyTorch baseline of a benchmark, or nil (saying why) when `FLOWBENCH_PYTORCH=0`, torch is missing or the
    /// script does not start.
    static func startBaseline(name: String, script: String, arguments: [String], threads: Int) -> PyTorchServedBaseline? {
        if ProcessInfo.processInfo.environment["FLOWBENCH_PYTORCH"] == "0" {
            print("\(name) skipped: FLOWBENCH_PYTORCH=0")
            return nil
        }
        guard PyTorchStepBaseline.isAvailable else {
            print("\(name) skipped: `python3 -c 'import torch'` fails")
            return nil
        }
        do { return try PyTorchServedBaseline(name: name, script: script, arguments: arguments, threads: threads) } catch {
            print("\(name) skipped: \(error)")
            return nil
        }
    }
}
