import Foundation

/// The same DiT training step and guided Euler sampling in PyTorch eager mode on the CPU, run by
/// `Scripts/bench/dit_bench.py --serve` in a child process so the two can be measured in turns.
final class PyTorchDiTBaseline {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var pending = Data()

    /// The script, found relative to this source file (`make bench` runs from the checkout).
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/bench/dit_bench.py")

    /// Starts the script with the benchmark's setting on `threads` threads and waits until it has warmed up.
    init(setting: DiTBenchmarkSetting, threads: Int) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, "--serve", "--threads", String(threads)] + setting.pythonArguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let greeting = try readLine()
        guard greeting == "ready" else { throw BenchError("PyTorch DiT baseline did not start: \(greeting)") }
    }

    /// Runs `count` training steps and returns their milliseconds.
    func steps(_ count: Int) throws -> [Double] { try run("steps", count) }

    /// Runs `count` guided Euler samplings of one batch and returns their milliseconds.
    func samplings(_ count: Int) throws -> [Double] { try run("sample", count) }

    /// Closes the script's input so it exits, and waits for it.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func run(_ command: String, _ count: Int) throws -> [Double] {
        input.fileHandleForWriting.write(Data("\(command) \(count)\n".utf8))
        let line = try readLine()
        let times = line.split(separator: " ").compactMap { Double($0) }
        guard times.count == count else { throw BenchError("PyTorch DiT baseline answered \(line)") }
        return times
    }

    private func readLine() throws -> String {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending = Data(pending[(newline + 1)...])
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                throw BenchError("PyTorch DiT baseline exited early (status \(process.isRunning ? "running" : String(process.terminationStatus)))")
            }
            pending.append(chunk)
        }
    }
}
