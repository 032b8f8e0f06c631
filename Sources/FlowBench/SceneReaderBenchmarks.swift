import FlowData
import FlowModels
import FlowTensor
import Foundation

/// Scene reader feature extraction (images/s), next to PyTorch eager running the same network on the same threads.
///
/// FlowLab's shapes features (`fid_shapes` and friends) of 32 px images at the reader's default sizes, input
/// preparation included, batches of 512. PyTorch's script is `Scripts/bench/torch_scene_reader.py`.
enum SceneReaderBenchmarks {
    static func run() {
        print("Scene reader feature extraction (32 px images/s, higher is better):")
        do { try measure(count: 4_000) } catch { print("  skipped: \(error)") }
    }

    private static func measure(count: Int) throws {
        let generator = ShapesGenerator(configuration: try ShapesConfiguration(objectCounts: [1, 2], seed: 3), split: .test)
        let pixels = (0..<count).flatMap { generator.record(at: $0).pixels }
        var random = RandomGenerator(seed: 0)
        let reader = SceneReader(configuration: SceneReaderConfiguration(), generator: &random)
        reader.eval()
        let imageBytes = 32 * 32 * 3
        var best = Double.infinity
        var checksum: Float = 0
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            for first in stride(from: 0, to: count, by: 512) {
                let last = min(count, first + 512)
                checksum += reader.features(pixels: Array(pixels[(first * imageBytes)..<(last * imageBytes)]), count: last - first)[0]
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let swiftRate = Double(count) / best
        var line = String(format: "  %d images, %d threads: Swift %.0f", count, ComputeThreads.count, swiftRate)
        if let text = MetricBenchmarks.python("Scripts/bench/torch_scene_reader.py", [String(count), String(ComputeThreads.count)],
                                              threads: ComputeThreads.count),
           let torchRate = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            line += String(format: ", PyTorch eager %.0f, Swift / PyTorch %.2f", torchRate, swiftRate / torchRate)
        }
        print(line + (checksum.isFinite ? "" : " (non-finite features)"))
    }
}
