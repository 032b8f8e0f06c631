import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// The FID Inception-v3 forward pass on 299 x 299 images, FlowLab next to PyTorch eager (the same TorchScript
/// archive, same threads and batch size), measured in the same run.
///
/// `FLOWBENCH_INCEPTION_IMAGES` sets the number of images on each side (default 256: 1,000 takes minutes per side on two busy cores).
enum InceptionBenchmark {
    /// Images per forward pass on both sides.
    static let batchSize = 16

    static func run() {
        let environment = ProcessInfo.processInfo.environment
        let imageCount = environment["FLOWBENCH_INCEPTION_IMAGES"].flatMap(Int.init) ?? 256
        print("FID Inception-v3 features: \(imageCount) images of 299 x 299, batch \(batchSize), \(ComputeThreads.count) threads (\(cpuName())):")
        let network: FIDInceptionV3
        let weights: URL
        do {
            weights = try InceptionWeightsFile.verifiedURL()
            network = try FIDInceptionV3(contentsOf: weights)
        } catch {
            print("  skipped: \(error)")
            return
        }
        var generator = RandomGenerator(seed: 0, stream: "inception-bench")
        let batch = generator.uniformTensor([batchSize, 3, 299, 299], lower: -1, upper: 0.9921875)
        withNoGradient { _ = network(batch) }   // warm-up
        let start = DispatchTime.now().uptimeNanoseconds
        var done = 0
        withNoGradient {
            while done < imageCount {
                let count = min(batchSize, imageCount - done)
                _ = network(count == batchSize ? batch : batch.slice(axis: 0, 0..<count))
                done += count
            }
        }
        let swiftSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let flops = 5.7e9 * Double(imageCount)
        print(String(format: "  Swift:   %.1f s, %.2f images/s (about %.1f GFLOP/s at 5.7 GFLOP per image)",
                     swiftSeconds, Double(imageCount) / swiftSeconds, flops / swiftSeconds / 1e9))
        guard let text = MetricBenchmarks.python("Scripts/bench/inception_bench.py", [
            "--model", weights.path, "--images", String(imageCount), "--batch", String(batchSize),
            "--threads", String(ComputeThreads.count),
        ], threads: ComputeThreads.count), let report = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let torchSeconds = report["seconds"] as? Double else {
            print("  PyTorch skipped: Scripts/bench/inception_bench.py needs torch")
            return
        }
        print(String(format: "  PyTorch %@: %.1f s, %.2f images/s (eager, TorchScript archive, %d threads)",
                     report["torch"] as? String ?? "?", torchSeconds, Double(imageCount) / torchSeconds, ComputeThreads.count))
        print(String(format: "  Swift / PyTorch time: %.2f", swiftSeconds / torchSeconds))
    }

    /// The CPU model from /proc/cpuinfo, or "unknown CPU".
    static func cpuName() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown CPU" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}
