import Foundation

/// A training step and a sampling run in PyTorch eager mode on the CPU, served by a script of `Scripts/bench`
/// (`dit_bench.py`, `crossflows_bench.py`) started with `--serve` in a child process, so that FlowLab and PyTorch
/// can be measured in turns.
///
/// The protocol: the script prints `ready` once warmed up; for each line `steps N` or `sample N` it runs N of them and
/// prints one line of `wall/cpu` milliseconds per run.
final class PyTorchServedBaseline {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var pending = Data()

    /// What the script runs, for messages ("PyTorch DiT baseline").
    let name: String

    /// The folder of the scripts, found relative to this source file (`make bench` runs from the checkout).
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/bench")

    /// Starts `Scripts/bench/<script>` with `arguments` on `threads` threads and waits until it has warmed up.
    init(name: String, script: String, arguments: [String], threads: Int) throws {
        self.name = name
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scripts.appendingPathComponent(script).path, "--serve", "--threads", String(threads)]
            + arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let greeting = try readLine()
        guard greeting == "ready" else { throw BenchError("\(name) did not start: \(greeting)") }
    }

    /// Runs `count` training steps and returns their timings.
    func steps(_ count: Int) throws -> [BenchTiming] { try run("steps", count) }

    /// Runs `count` samplings of one batch and returns their timings.
    func samplings(_ count: Int) throws -> [BenchTiming] { try run("sample", count) }

    /// Closes the script's input so it exits, and waits for it.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Sends `command count` and reads one `wall/cpu` pair of milliseconds per run.
    private func run(_ command: String, _ count: Int) throws -> [BenchTiming] {
        input.fileHandleForWriting.write(Data("\(command) \(count)\n".utf8))
        let line = try readLine()
        let times = line.split(separator: " ").compactMap { pair -> BenchTiming? in
            let parts = pair.split(separator: "/").compactMap { Double($0) }
            return parts.count == 2 ? BenchTiming(wall: parts[0], cpu: parts[1]) : nil
        }
        guard times.count == count else { throw BenchError("\(name) answered \(line)") }
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
                throw BenchError("\(name) exited early (status \(process.isRunning ? "running" : String(process.terminationStatus)))")
            }
            pending.append(chunk)
        }
    }
}
