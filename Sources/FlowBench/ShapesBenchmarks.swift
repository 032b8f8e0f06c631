import FlowData
import FlowTensor
import Foundation

/// Shapes rendering throughput (images/s), next to PIL drawing the same shapes with the same 4 x 4 supersampling.
///
/// Swift is timed twice: rendering alone on one thread (what PIL does: pixels only) and a whole split
/// written to HDF5 on all threads (scenes, captions, pixels, gzip). PIL's script is `Scripts/bench/pil_shapes_render.py`.
enum ShapesBenchmarks {
    static func run() {
        print("Shapes benchmark rendering (images/s, higher is better):")
        for (size, objects) in [(32, 1), (32, 2), (64, 2)] {
            do { try measure(size: size, objects: objects) } catch { print("  skipped \(size) px: \(error)") }
        }
        do { try measureFile() } catch { print("  file write skipped: \(error)") }
    }

    /// Pixels only, one thread: FlowLab's renderer against PIL's.
    private static func measure(size: Int, objects: Int) throws {
        let count = size == 64 ? 1000 : 3000
        let renderer = try ShapeRenderer(imageSize: size)
        let generator = ShapesGenerator(configuration: try ShapesConfiguration(imageSize: size, objectCounts: [objects], seed: 1),
                                        split: .train)
        let examples = (0..<count).map(generator.example(at:))
        var best = Double.infinity
        var checksum = 0
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            for example in examples { checksum &+= Int(renderer.render(example.scene, variation: example.variation)[size * size]) }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let swiftRate = Double(count) / best
        var line = String(format: "  %d px, %d object%@, pixels only, 1 thread: Swift %.0f", size, objects, objects == 1 ? "" : "s", swiftRate)
        let script = "Scripts/bench/pil_shapes_render.py"
        if let text = MetricBenchmarks.python(script, [String(size), String(count), String(objects)]),
           let pilRate = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            line += String(format: ", PIL (ImageDraw at 4x + reduce) %.0f, Swift / PIL %.2f", pilRate, swiftRate / pilRate)
        }
        print(line)
        keep(checksum)
    }

    /// Keeps `value` alive so the timed rendering cannot be optimised away.
    @inline(never)
    private static func keep(_ value: Int) {
        if value == Int.min { print("") }
    }

    /// A whole file: scenes, captions, rendering on all threads, gzip HDF5 writes.
    private static func measureFile() throws {
        let count = 5000
        let generator = ShapesGenerator(configuration: try ShapesConfiguration(imageSize: 32, objectCounts: [1, 2], seed: 1),
                                        split: .train)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("flowbench-shapes-\(UUID().uuidString).h5")
        defer { try? FileManager.default.removeItem(at: url) }
        let start = DispatchTime.now().uptimeNanoseconds
        try generator.writeFile(to: url, count: count)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        print(String(format: "  flowlab data render (32 px, 1-2 objects, 5 captions, HDF5 gzip), %d threads: %.0f images/s (%d images in %.2f s, %.1f MB)",
                     ComputeThreads.count, Double(count) / seconds, count, seconds, Double(bytes) / 1e6))
    }
}
