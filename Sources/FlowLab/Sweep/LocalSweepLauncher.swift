import Foundation

/// Runs a sweep's jobs on this machine, N at once, each as a child `flowlab run` process.
///
/// Job i runs `flowlab run --run-dir <sweep>/<i> --quiet [pass-through options] -- SPEC overrides...`
/// with its standard output and error in `<sweep>/<i>/console.txt`. Children run in their own
/// process group; when `stop` requests a stop (SIGINT/SIGTERM to the sweep), no further jobs start
/// and each running child gets one SIGINT, so it writes a final checkpoint and exits. Example:
///
///     let launcher = LocalSweepLauncher(executable: URL(fileURLWithPath: "/proc/self/exe"), parallelJobs: 4)
///     let summary = try launcher.run(plan: plan, directory: sweepDirectory, stop: stop) { event in print(event) }
///     print(summary.text)
public struct LocalSweepLauncher: Sendable {
    /// The `flowlab` executable to start for each job.
    public let executable: URL
    /// The most jobs running at once (at least 1).
    public let parallelJobs: Int
    /// Extra `flowlab run` options given to every job (e.g. `--threads 2`).
    public let passThroughArguments: [String]

    /// A job starting or ending, for live reporting.
    public enum Event: Sendable, CustomStringConvertible {
        /// Job `index` started with these overrides.
        case started(index: Int, overrides: [String])
        /// Job `index` ended.
        case finished(SweepJobResult)

        public var description: String {
            switch self {
            case .started(let index, let overrides):
                return "job \(index) started: " + overrides.joined(separator: " ")
            case .finished(let result):
                let status = result.exitStatus.map { $0 == 0 ? "done" : "failed (exit status \($0))" } ?? "not run"
                return "job \(result.index) \(status) in \(ProgressReporter.formatDuration(result.seconds))"
            }
        }
    }

    /// Creates a launcher.
    public init(executable: URL, parallelJobs: Int, passThroughArguments: [String] = []) {
        self.executable = executable
        self.parallelJobs = max(1, parallelJobs)
        self.passThroughArguments = passThroughArguments
    }

    /// The arguments (after the executable) of job `index`: a new run in its folder, or `run --resume` when the
    /// folder already holds a run that started (it has `resolved.yaml`), e.g. under `flowlab sweep --resume`.
    public func arguments(forJob index: Int, plan: SweepPlan, directory: SweepDirectory) -> [String] {
        let jobDirectory = directory.jobDirectory(index)
        if FileManager.default.fileExists(atPath: RunDirectory(url: jobDirectory).resolvedSpecURL.path) {
            return ["run", "--resume", jobDirectory.path, "--quiet"] + passThroughArguments
        }
        return ["run", "--run-dir", jobDirectory.path, "--quiet"] + passThroughArguments
            + ["--", plan.specPath] + plan.overrides(forJob: index)
    }

    /// Runs every job (or only `onlyJobs`), at most `parallelJobs` at once, and waits for all of them.
    public func run(plan: SweepPlan, directory: SweepDirectory, onlyJobs: [Int]? = nil, stop: StopSignal? = nil,
                    onEvent: @escaping @Sendable (Event) -> Void = { _ in }) throws -> SweepSummary {
        let pending = onlyJobs ?? Array(0..<plan.jobCount)
        let finished = FinishedJobs()
        var running: [Int: Process] = [:]
        var results: [Int: SweepJobResult] = [:]
        var next = 0
        var stopping = false

        while next < pending.count || !running.isEmpty {
            if let stop, stop.stopRequested, !stopping {
                stopping = true
                for process in running.values where process.isRunning { process.interrupt() }
            }
            while !stopping, running.count < parallelJobs, next < pending.count {
                let index = pending[next]
                next += 1
                let jobDirectory = directory.jobDirectory(index)
                try UniqueDirectory.createIntermediates(jobDirectory)
                let (process, console) = try makeProcess(arguments: arguments(forJob: index, plan: plan, directory: directory),
                                                         consoleURL: jobDirectory.appendingPathComponent("console.txt"))
                defer { try? console.close() }  // the child holds its own descriptor
                let startTime = Date()
                process.terminationHandler = { process in
                    let result = SweepJobResult(index: index, directory: jobDirectory, exitStatus: process.terminationStatus,
                                                seconds: Date().timeIntervalSince(startTime))
                    finished.add(result)
                }
                onEvent(.started(index: index, overrides: plan.overrides(forJob: index)))
                do {
                    try process.run()
                    running[index] = process
                } catch {
                    let result = SweepJobResult(index: index, directory: jobDirectory, exitStatus: 127, seconds: 0)
                    results[index] = result
                    onEvent(.finished(result))
                }
            }
            if stopping && running.isEmpty { break }
            for result in finished.wait(timeout: 0.2) {
                running[result.index] = nil
                results[result.index] = result
                onEvent(.finished(result))
            }
        }
        let all = pending.map { index in
            results[index] ?? SweepJobResult(index: index, directory: directory.jobDirectory(index), exitStatus: nil, seconds: 0)
        }
        return SweepSummary(results: all)
    }

    private func makeProcess(arguments: [String], consoleURL: URL) throws -> (Process, FileHandle) {
        guard FileManager.default.createFile(atPath: consoleURL.path, contents: nil),
              let console = try? FileHandle(forWritingTo: consoleURL) else {
            throw SweepError("\(consoleURL.path): cannot create the job's console log")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = console
        process.standardError = console
        process.standardInput = FileHandle.nullDevice
        return (process, console)
    }
}

/// Results handed from process termination handlers to the launcher loop.
private final class FinishedJobs: @unchecked Sendable {
    private let lock = NSLock()
    private let arrivals = DispatchSemaphore(value: 0)
    private var queue: [SweepJobResult] = []

    func add(_ result: SweepJobResult) {
        lock.lock()
        queue.append(result)
        lock.unlock()
        arrivals.signal()
    }

    /// Waits up to `timeout` seconds for at least one result, then returns (and clears) all that arrived.
    func wait(timeout: Double) -> [SweepJobResult] {
        _ = arrivals.wait(timeout: .now() + timeout)
        lock.lock()
        defer { lock.unlock() }
        let drained = queue
        queue.removeAll()
        return drained
    }
}
