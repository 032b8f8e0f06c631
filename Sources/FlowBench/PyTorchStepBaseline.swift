import Foundation

/// The same transformer training step in PyTorch eager mode on the CPU, run by
/// `Scripts/bench/transformer_block_bench.py --serve` in a child process so the two can be measured in turns.
final class PyTorchStepBaseline {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var pending = Data()

    /// The script, found relative to this source file (`make bench` runs from the checkout).
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/bench/transformer_block_bench.py")

    /// Whether `python3 -c 'import torch'` succeeds.
    static var isAvailable: Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import torch"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 && FileManager.default.fileExists(atPath: script.path)
    }

    /// Starts the script with the benchmark's shape on `threads` threads and waits until it has warmed up.
    init(shape: TransformerStepBenchmark.Shape, threads: Int) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, "--serve", "--threads", String(threads),
                             "--batch", String(shape.batch), "--tokens", String(shape.tokens),
                             "--width", String(shape.width), "--heads", String(shape.heads)]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let greeting = try readLine()
        guard greeting == "ready" else { throw BenchError("PyTorch baseline did not start: \(greeting)") }
    }

    /// Runs `count` PyTorch steps and returns their milliseconds.
    func steps(_ count: Int) throws -> [Double] {
        input.fileHandleForWriting.write(Data("steps \(count)\n".utf8))
        let line = try readLine()
        let times = line.split(separator: " ").compactMap { Double($0) }
        guard times.count == count else { throw BenchError("PyTorch baseline answered \(line)") }
        return times
    }

    /// Closes the script's input so it exits, and waits for it.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func readLine() throws -> String {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending = Data(pending[(newline + 1)...])
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw BenchError("PyTorch baseline exited early (status \(process.isRunning ? "running" : String(process.terminationStatus)))") }
            pending.append(chunk)
        }
    }
}
