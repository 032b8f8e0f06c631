import FlowMetrics
import Foundation

/// Caption metrics (BLEU, CIDEr-D) and FID timed next to pycocoevalcap and scipy on the same inputs.
///
/// The Python scripts in `Scripts/bench/` write the inputs and time the reference tools in the same run as the
/// Swift side (no timing is kept from an earlier run: inputs are cached, times never are), on the same threads.
/// When Python or a package is missing the Swift side still runs where it has inputs, and the line says what
/// was skipped. `FLOWBENCH_FID=0` leaves the FID comparison out (scipy's sqrtm takes about two minutes).
enum MetricBenchmarks {
    static func run(threads: Int, machine: MachineDescription) {
        captions(threads: threads, machine: machine)
        if ProcessInfo.processInfo.environment["FLOWBENCH_FID"] == "0" {
            print("FID skipped: FLOWBENCH_FID=0")
        } else {
            frechetDistance(threads: threads, machine: machine)
        }
    }

    /// Runs `python3 script arguments` with its BLAS on `threads` threads and returns its standard output, or nil
    /// (with a note unless `quiet`) when it fails.
    static func python(_ script: String, _ arguments: [String] = [], threads: Int, quiet: Bool = false) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var environment = ProcessInfo.processInfo.environment
        for name in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = String(threads) }
        process.environment = environment
        process.arguments = ["python3", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            if !quiet { print("  skipped: cannot run python3 \(script): \(error)") }
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if !quiet { print("  skipped: python3 \(script) exited with \(process.terminationStatus)") }
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func captions(threads: Int, machine: MachineDescription) {
        print("Caption metrics on 5,000 images x 5 references (tokenized text), both measured now:")
        guard let text = python("Scripts/bench/captions_bench.py", [".build/bench/captions"], threads: threads),
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
                print(String(format: "  Swift / pycocoevalcap time: BLEU %.3f, CIDEr-D %.3f ", timing.bleuSeconds / bleu, timing.ciderSeconds / cider)
                      + machine.tag(threads: 1))
            } else {
                print("  pycocoevalcap skipped: not installed (pip install pycocoevalcap)")
            }
        } catch {
            print("  skipped: \(error)")
        }
    }

    static func frechetDistance(threads: Int, machine: MachineDescription) {
        print("FID on two 10,000 x 2048 feature sets, scipy and Swift both measured now on \(threads) thread\(threads == 1 ? "" : "s") "
              + "(scipy's sqrtm takes about two minutes; FLOWBENCH_FID=0 skips this):")
        let directory = URL(fileURLWithPath: ".build/bench/fid")
        // Only this run's scipy time may be compared with this run's Swift time: remove any earlier result first.
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("scipy.json"))
        guard python("Scripts/bench/fid_bench.py", ["--out", directory.path], threads: threads) != nil else {
            print("  skipped: the scipy reference did not run, so there is nothing measured now to compare with")
            return
        }
        do {
            for line in try FrechetDistance.benchmark(directory: directory).reportLines { print("  " + line) }
            print("  " + machine.tag(threads: threads))
        } catch {
            print("  skipped: \(error)")
        }
    }
}
