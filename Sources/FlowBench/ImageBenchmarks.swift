import FlowData
import FlowImages
import FlowTensor
import Foundation

/// Image decode + centre crop + BICUBIC resize and `flowlab data import` throughput, next to Pillow on the same files.
///
/// `Scripts/bench/images_bench.py` writes 200 COCO-like 640x480 JPEGs (and lists 300 openclipart PNGs when
/// `openclipart-png` is installed) and times Pillow on them, one thread, before and after the Swift side runs
/// the same per-image work on one thread too (the ratio uses Pillow's better run); then the whole import.
enum ImageBenchmarks {
    static func run() {
        let size = 64
        print("Images: decode + centre crop + BICUBIC resize to \(size) px, Swift (libjpeg-turbo, libpng) vs Pillow, 1 thread:")
        guard let text = MetricBenchmarks.python("Scripts/bench/images_bench.py",
                                                 [".build/bench/images", "--size", String(size), "--clipart", "/usr/share/openclipart/png"], threads: 1),
              let report = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            print("  skipped: no benchmark inputs (needs python3 with numpy and pillow)")
            return
        }
        let pillowVersion = report["pillow"] as? String ?? "?"
        var swiftSeconds: [String: (Double, Int)] = [:]
        for name in ["jpeg", "clipart"] {
            guard let list = (report[name] as? [String: Any])?["list"] as? String,
                  let paths = try? String(contentsOfFile: list, encoding: .utf8).split(separator: "\n").map(String.init) else { continue }
            do { swiftSeconds[name] = try timePreparation(paths, size: size, repeats: 3) } catch { print("  \(name) skipped: \(error)") }
        }
        // Pillow again after Swift (the inputs exist now, so this only times): the best of both Pillow runs is kept,
        // so a load spike on the shared machine during either run does not favour one side.
        let again = MetricBenchmarks.python("Scripts/bench/images_bench.py",
                                            [".build/bench/images", "--size", String(size), "--clipart", "/usr/share/openclipart/png"], threads: 1)
            .flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        for name in ["jpeg", "clipart"] {
            guard let entry = report[name] as? [String: Any], let firstPillow = entry["pillow_seconds"] as? Double,
                  let checksum = entry["checksum"] as? Int, let count = entry["count"] as? Int,
                  let (seconds, swiftChecksum) = swiftSeconds[name] else {
                if name == "clipart" { print("  clip art skipped: `apt-get install openclipart-png` for /usr/share/openclipart/png") }
                continue
            }
            let secondPillow = ((again?[name] as? [String: Any])?["pillow_seconds"] as? Double) ?? .infinity
            let pillowSeconds = min(firstPillow, secondPillow)
            let label = name == "jpeg" ? "640x480 JPEG photos" : "openclipart PNGs"
            print(String(format: "  %d %@: Swift %.1f ms/image, Pillow %@ %.1f ms/image, Swift / Pillow time %.2f (pixel sums %@)",
                         count, label, 1e3 * seconds / Double(count), pillowVersion, 1e3 * pillowSeconds / Double(count),
                         seconds / pillowSeconds, swiftChecksum == checksum ? "equal" : "differ: \(swiftChecksum) vs \(checksum)"))
        }
        guard let photos = report["photos_folder"] as? String, let captions = report["captions"] as? String else { return }
        for threads in Set([1, ComputeThreads.count]).sorted() {
            do {
                let options = ImageImportOptions(imageSize: size, threads: threads)
                let listing = try COCOCaptionsImporter(imagesFolder: URL(fileURLWithPath: photos), captionsFile: URL(fileURLWithPath: captions))
                    .items(options: options)
                let start = DispatchTime.now().uptimeNanoseconds
                let summary = try CaptionedImageImporter(options: options, source: "coco")
                    .write(listing.items, to: URL(fileURLWithPath: ".build/bench/images/import.h5"), summary: listing.summary)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                print(String(format: "  flowlab data import coco (%d JPEGs -> HDF5, %d thread%@): %.0f images/s",
                             summary.importedCount, threads, threads == 1 ? "" : "s", Double(summary.importedCount) / seconds))
            } catch {
                print("  import skipped: \(error)")
            }
        }
    }

    /// Best seconds of `repeats` passes of decode + composite + crop + resize over `paths`, and the pixel sum.
    private static func timePreparation(_ paths: [String], size: Int, repeats: Int) throws -> (Double, Int) {
        let decoder = ImageDecoder()
        var best = Double.infinity
        var checksum = 0
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            var total = 0
            for path in paths {
                let image = try decoder.decode(contentsOf: URL(fileURLWithPath: path)).rgbImage(background: .white)
                let resized = try image.centerCropped().resized(width: size, height: size)
                total += resized.pixels.reduce(0) { $0 + Int($1) }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            checksum = total
        }
        return (best, checksum)
    }
}
