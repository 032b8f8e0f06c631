import FlowTensor
import Foundation

/// The machine a benchmark ran on: CPU model, FlowTensor's BLAS (OpenBLAS build, the kernel core it picked,
/// its threads) and the BLAS of the alternatives (PyTorch's, usually MKL; NumPy's). Every ratio FlowBench
/// prints depends on these: on an AMD EPYC, PyTorch's MKL sgemm reaches a fraction of OpenBLAS's speed.
struct MachineDescription {
    /// `model name` of /proc/cpuinfo, e.g. `AMD EPYC 9554 64-Core Processor`.
    let cpuModel: String
    /// Logical cores.
    let cores: Int
    /// `openblas_get_config()`, e.g. `OpenBLAS 0.3.21 NO_AFFINITY Zen MAX_THREADS=64`.
    let openBLASConfiguration: String
    /// `openblas_get_corename()`: the kernel family OpenBLAS chose for this CPU, e.g. `Zen`, `SkylakeX`.
    let openBLASCore: String
    /// OpenBLAS threads.
    let blasThreads: Int
    /// PyTorch and NumPy as `Scripts/bench/machine_info.py` reports them (nil without Python).
    let python: [String: Any]?

    /// Reads the machine now; `threads` is passed to Python as OMP_NUM_THREADS, as the benchmarks do.
    static func current(threads: Int) -> MachineDescription {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        var python: [String: Any]?
        if let text = MetricBenchmarks.python("Scripts/bench/machine_info.py", [], threads: threads, quiet: true),
           let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
            python = object
        }
        return MachineDescription(cpuModel: model, cores: ProcessInfo.processInfo.activeProcessorCount,
                                  openBLASConfiguration: BLASLibrary.configuration, openBLASCore: BLASLibrary.kernelFamily,
                                  blasThreads: ComputeThreads.blasThreads, python: python)
    }

    /// Lines for the top of the benchmark output.
    var lines: [String] {
        var lines = ["Machine: \(cpuModel), \(cores) logical cores",
                     "  FlowTensor BLAS: \(openBLASConfiguration.trimmingCharacters(in: .whitespaces)) (kernels for \(openBLASCore)), \(blasThreads) threads"]
        if let torch = python?["torch"] as? [String: Any], torch["available"] as? Bool == true {
            lines.append("  PyTorch \(torch["version"] ?? "?"): BLAS \(torch["blas"] ?? "?")"
                         + ((torch["mkl_version"] as? String).map { " \($0)" } ?? "")
                         + ", CPU capability \(torch["cpu_capability"] ?? "?"), \(torch["threads"] ?? "?") threads")
        } else {
            lines.append("  PyTorch: not available")
        }
        if let numpy = python?["numpy"] as? [String: Any], numpy["available"] as? Bool == true {
            lines.append("  NumPy \(numpy["version"] ?? "?") (scipy, pycocoevalcap): BLAS \(numpy["blas"] ?? "?")")
        }
        return lines
    }

    /// A short tag naming the CPU and threads, printed with each ratio so a copied line keeps its context.
    func tag(threads: Int) -> String {
        "[\(cpuModel), \(threads) thread\(threads == 1 ? "" : "s")]"
    }
}
