import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows training progress: a live line per run on a terminal, plain lines in a pipe or CI, nothing when quiet.
///
/// On a terminal each run (label) owns one line, redrawn in place with a bar, step, loss,
/// samples/s and ETA:
///
///     modecollapse [#########---------------]  750/2000  loss 0.4121  5.1k samples/s  ETA 1m23s
///
/// In a pipe the same text is printed as a new line every `plainEvery` steps. Example:
///
///     let progress = ProgressReporter(mode: ProgressReporter.automaticMode(quiet: quiet, plainEvery: 100))
///     progress.start(label: "modecollapse", totalSteps: 2000, samplesPerStep: 256)
///     progress.update(label: "modecollapse", step: step, loss: loss)
///     progress.finish(label: "modecollapse")
public final class ProgressReporter: @unchecked Sendable {
    /// How progress is shown.
    public enum Mode: Sendable, Equatable {
        /// Redraw one line per run in place (ANSI terminal).
        case terminal
        /// Print a plain line every `every` steps (and at the last step).
        case plain(every: Int)
        /// Print nothing.
        case quiet
    }

    /// The mode in use.
    public let mode: Mode
    let sink: @Sendable (String) -> Void
    let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var runs: [RunState] = []
    private var drawnLineCount = 0
    private var lastDrawTime = -Double.infinity
    /// Minimum seconds between terminal redraws (updates in between are folded into the next one).
    private let redrawInterval = 0.1

    private struct RunState {
        let label: String
        let totalSteps: Int
        let firstStep: Int
        let samplesPerStep: Int
        let startTime: Double
        var step: Int
        var loss: Double?
        var now: Double
        var finished = false
    }

    /// Creates a reporter writing to `sink` (default: standard error) and timing with `clock` (seconds, monotonic).
    public init(mode: Mode,
                sink: @escaping @Sendable (String) -> Void = ProgressReporter.standardError,
                clock: @escaping @Sendable () -> Double = ProgressReporter.monotonicSeconds) {
        if case .plain(let every) = mode { precondition(every > 0, "plain progress interval must be positive") }
        self.mode = mode
        self.sink = sink
        self.clock = clock
    }

    /// `.quiet` when `quiet`, `.terminal` when standard error is a terminal (and `TERM` is not `dumb`), else `.plain(every:)`.
    public static func automaticMode(quiet: Bool, plainEvery: Int) -> Mode {
        if quiet { return .quiet }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        return isatty(STDERR_FILENO) == 1 && term != "dumb" ? .terminal : .plain(every: max(1, plainEvery))
    }

    /// Begins tracking a run; `firstStep` is the step it starts (or resumes) from.
    public func start(label: String, totalSteps: Int, samplesPerStep: Int, firstStep: Int = 0) {
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        let state = RunState(label: label, totalSteps: totalSteps, firstStep: firstStep, samplesPerStep: samplesPerStep,
                             startTime: now, step: firstStep, now: now)
        if let index = runs.firstIndex(where: { $0.label == label }) {
            runs[index] = state
        } else {
            runs.append(state)
        }
        if mode == .terminal { redraw(force: true) }
    }

    /// Records that `label` finished `step` steps with the given loss.
    public func update(label: String, step: Int, loss: Double?) {
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        guard let index = runs.firstIndex(where: { $0.label == label }) else { return }
        runs[index].step = step
        runs[index].loss = loss
        runs[index].now = now
        switch mode {
        case .quiet:
            break
        case .terminal:
            redraw(force: step >= runs[index].totalSteps)
        case .plain(let every):
            if step % every == 0 || step >= runs[index].totalSteps {
                sink(Self.line(for: runs[index], withBar: false) + "\n")
            }
        }
    }

    /// Marks `label` as done: its line is drawn a last time; once every run is done the terminal cursor moves below the block.
    public func finish(label: String) {
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        guard let index = runs.firstIndex(where: { $0.label == label }), !runs[index].finished else { return }
        runs[index].finished = true
        runs[index].now = now
        guard mode == .terminal else { return }
        redraw(force: true)
        if runs.allSatisfy(\.finished) {
            sink("\n")
            runs.removeAll()
            drawnLineCount = 0
        }
    }

    /// Redraws every run's line in place: back to the first line of the block, rewrite, clear leftovers. Call with the lock held.
    private func redraw(force: Bool) {
        let now = clock()
        guard force || now - lastDrawTime >= redrawInterval else { return }
        lastDrawTime = now
        var text = "\r"
        if drawnLineCount > 1 { text += "\u{1B}[\(drawnLineCount - 1)A" }
        for (index, run) in runs.enumerated() {
            text += Self.line(for: run, withBar: true) + "\u{1B}[K"
            if index < runs.count - 1 { text += "\n" }
        }
        drawnLineCount = runs.count
        sink(text)
    }

    /// One run's progress text.
    private static func line(for run: RunState, withBar: Bool) -> String {
        var parts = [run.label]
        let total = max(run.totalSteps, 1)
        if withBar { parts.append(bar(fraction: Double(run.step) / Double(total), width: 24)) }
        let totalText = String(run.totalSteps)
        let stepText = String(run.step)
        parts.append(String(repeating: " ", count: max(0, totalText.count - stepText.count)) + stepText + "/" + totalText)
        if let loss = run.loss { parts.append("loss " + formatLoss(loss)) }
        let elapsed = run.now - run.startTime
        let stepsDone = run.step - run.firstStep
        if elapsed > 0, stepsDone > 0 {
            let rate = Double(stepsDone * run.samplesPerStep) / elapsed
            parts.append(formatRate(rate) + " samples/s")
            if run.finished || run.step >= run.totalSteps {
                parts.append("took " + formatDuration(elapsed))
            } else {
                let remaining = Double(run.totalSteps - run.step) * elapsed / Double(stepsDone)
                parts.append("ETA " + formatDuration(remaining))
            }
        } else if !run.finished {
            parts.append("ETA --")
        }
        return parts.joined(separator: "  ")
    }

    /// `[#####-----]` with `width` cells.
    static func bar(fraction: Double, width: Int) -> String {
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    /// Seconds as `42s`, `1m23s` or `2h05m`.
    static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--" }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" + twoDigits(total % 60) + "s" }
        return "\(total / 3600)h" + twoDigits((total % 3600) / 60) + "m"
    }

    /// A rate as `512`, `5.1k` or `1.2M`.
    static func formatRate(_ rate: Double) -> String {
        if rate >= 1_000_000 { return String(format: "%.1fM", rate / 1_000_000) }
        if rate >= 1_000 { return String(format: "%.1fk", rate / 1_000) }
        return String(format: "%.0f", rate)
    }

    /// A loss with four significant digits.
    static func formatLoss(_ loss: Double) -> String {
        String(format: "%.4g", loss)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// Writes `text` to standard error unbuffered.
    public static let standardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Seconds from a monotonic clock.
    public static let monotonicSeconds: @Sendable () -> Double = {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
