import Foundation
import XCTest
@testable import FlowLab

/// A controllable clock and a recording sink.
final class FakeTerminal: @unchecked Sendable {
    private let lock = NSLock()
    private var time = 0.0
    private var chunks: [String] = []
    func advance(_ seconds: Double) { lock.lock(); time += seconds; lock.unlock() }
    var now: Double { lock.lock(); defer { lock.unlock() }; return time }
    func write(_ text: String) { lock.lock(); chunks.append(text); lock.unlock() }
    var output: String { lock.lock(); defer { lock.unlock() }; return chunks.joined() }
    var writes: [String] { lock.lock(); defer { lock.unlock() }; return chunks }

    func reporter(_ mode: ProgressReporter.Mode) -> ProgressReporter {
        ProgressReporter(mode: mode, sink: { [self] in write($0) }, clock: { [self] in now })
    }
}

final class ProgressReporterTests: XCTestCase {
    func testDurationAndRateFormatting() {
        XCTAssertEqual(ProgressReporter.formatDuration(42), "42s")
        XCTAssertEqual(ProgressReporter.formatDuration(83), "1m23s")
        XCTAssertEqual(ProgressReporter.formatDuration(7_500), "2h05m")
        XCTAssertEqual(ProgressReporter.formatDuration(.infinity), "--")
        XCTAssertEqual(ProgressReporter.formatRate(512), "512")
        XCTAssertEqual(ProgressReporter.formatRate(5_120), "5.1k")
        XCTAssertEqual(ProgressReporter.bar(fraction: 0.5, width: 4), "[##--]")
    }

    func testPlainModePrintsEveryNStepsWithRateAndETA() {
        let terminal = FakeTerminal()
        let progress = terminal.reporter(.plain(every: 100))
        progress.start(label: "toy", totalSteps: 300, samplesPerStep: 64)
        for step in 1...300 {
            terminal.advance(0.01)
            progress.update(label: "toy", step: step, loss: 1.0 / Double(step))
        }
        progress.finish(label: "toy")
        let lines = terminal.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        // 100 steps * 64 samples in 1 s; 200 steps left at 0.01 s each.
        XCTAssertEqual(lines[0], "toy  100/300  loss 0.01  6.4k samples/s  ETA 2s")
        XCTAssertTrue(lines[2].hasPrefix("toy  300/300  loss 0.003333"), lines[2])
        XCTAssertTrue(lines[2].hasSuffix("took 3s"), lines[2])
        XCTAssertFalse(terminal.output.contains("\r"))
    }

    func testQuietModePrintsNothing() {
        let terminal = FakeTerminal()
        let progress = terminal.reporter(.quiet)
        progress.start(label: "toy", totalSteps: 10, samplesPerStep: 1)
        for step in 1...10 { progress.update(label: "toy", step: step, loss: 0.5) }
        progress.finish(label: "toy")
        XCTAssertEqual(terminal.output, "")
    }

    func testTerminalModeRedrawsOneLineInPlace() {
        let terminal = FakeTerminal()
        let progress = terminal.reporter(.terminal)
        progress.start(label: "toy", totalSteps: 2000, samplesPerStep: 256)
        terminal.advance(10)
        progress.update(label: "toy", step: 500, loss: 0.25)
        let last = terminal.writes.last ?? ""
        XCTAssertTrue(last.hasPrefix("\r"), "a redraw returns to the line start")
        XCTAssertFalse(last.contains("\n"), "one run uses one line")
        // 500 steps in 10 s: 12.8k samples/s, 1500 steps left -> 30 s.
        XCTAssertEqual(last, "\rtoy  [######------------------]   500/2000  loss 0.25  12.8k samples/s  ETA 30s\u{1B}[K")
        progress.finish(label: "toy")
        XCTAssertTrue(terminal.output.hasSuffix("\n"), "the cursor leaves the progress line when done")
    }

    func testTerminalModeThrottlesRedraws() {
        let terminal = FakeTerminal()
        let progress = terminal.reporter(.terminal)
        progress.start(label: "toy", totalSteps: 1000, samplesPerStep: 1)
        let before = terminal.writes.count
        for step in 1...50 { terminal.advance(0.001); progress.update(label: "toy", step: step, loss: nil) }
        XCTAssertLessThanOrEqual(terminal.writes.count - before, 1, "at most one redraw per 0.1 s")
    }

    func testTerminalModeKeepsOneLinePerConcurrentRun() {
        let terminal = FakeTerminal()
        let progress = terminal.reporter(.terminal)
        progress.start(label: "job 0", totalSteps: 10, samplesPerStep: 1)
        progress.start(label: "job 1", totalSteps: 10, samplesPerStep: 1)
        terminal.advance(1)
        progress.update(label: "job 1", step: 5, loss: 0.5)
        let last = terminal.writes.last ?? ""
        // Back up to the first line of the two-line block, then rewrite both.
        XCTAssertTrue(last.hasPrefix("\r\u{1B}[1A"), last)
        let lines = last.dropFirst("\r\u{1B}[1A".count).components(separatedBy: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("job 0  [---"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("job 1  [############------------]   5/10  loss 0.5"), lines[1])
    }
}
