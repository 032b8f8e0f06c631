import FlowMetrics
import Foundation

/// Caption metrics (BLEU, CIDEr-D) and FID timed next to pycocoevalcap and scipy on the same inputs.
///
/// The Python scripts in `Scripts/bench/` write the inputs and time the reference tools; when Python or a
/// package is missing the Swift side still runs where it has inputs, and the line says what was skipped.
enum MetricBenchmarks {
    static func run() {
        captions()
        frechetDistance()
    }

    /// Runs `python3 script arguments` and returns its standard output, or nil (with a note) when it fails.
    static func python(_ script: String, _ arguments: [String] = []) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            print("  skipped: cannot run python3 \(script): \(error)")
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            print("  skipped: python3 \(script) exited with \(process.terminationStatus)")
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func captions() {
        print("Caption metrics on 5,000 images x 5 references (tokenized text):")
        guard let text = python("Scripts/bench/captions_bench.py", [".build/bench/captions"]),
              let report = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let candidates = report["candidates"] as? String, let references = report["references"] as? String else {
            print("  skipped: no benchmark inputs")
            return
        }
        do {
            let timing = try CaptionBenchmark.run(candidatesFile: candidates, referencesFile: references)
            print(String(format: "  Swift:          BLEU-1..4 %.2f s, CIDEr-D %.2f s (Bleu_4 %.6f, CIDEr %.6f)",
                         timing.bleuSeconds, timing.ciderSeconds, timing.bleu4, timing.cider))
            if let bleu = report["pycocoevalcap_bleu_seconds"] as? Double, let cider = report["pycocoevalcap_cider_seconds"] as? Double {
                print(String(format: "  pycocoevalcap:  BLEU-1..4 %.2f s, CIDEr-D %.2f s (Bleu_4 %.6f, CIDEr %.6f)",
                             bleu, cider, report["Bleu_4"] as? Double ?? .nan, report["CIDEr"] as? Double ?? .nan))
                print(String(format: "  Swift / pycocoevalcap time: BLEU %.3f, CIDEr-D %.3f", timing.bleuSeconds / bleu, timing.ciderSeconds / cider))
            } else {
                print("  pycocoevalcap skipped: not installed (pip install pycocoevalcap)")
            }
        } catch {
            print("  skipped: \(error)")
        }
    }

    static func frechetDistance() {
        print("FID on two 10,000 x 2048 feature sets:")
        let directory = URL(fileURLWithPath: ".build/bench/fid")
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("scipy.json").path) {
            print("  running scipy's sqrtm-based FID once (about two minutes; the result is kept in \(directory.path))")
            _ = python("Scripts/bench/fid_bench.py", ["--out", directory.path])
        }
        do {
            for line in try FrechetDistance.benchmark(directory: directory).reportLines { print("  " + line) }
        } catch {
            print("  skipped: \(error)")
        }
    }
}
