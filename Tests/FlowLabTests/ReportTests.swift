import Foundation
import XCTest
@testable import FlowLab

/// Reads "metrics.h5" files that are really text: one `variant metric value` per line (variant `-` for none).
struct FakeMetricsReader: MetricsReader {
    func evalMetrics(at metricsFile: URL) throws -> [(variant: String, metric: String, value: Double)] {
        try String(contentsOf: metricsFile, encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: " ").map(String.init)
            return (parts[0] == "-" ? "" : parts[0], parts[1], Double(parts[2])!)
        }
    }
}

final class ReportTests: XCTestCase {
    // MARK: Table

    func testMeanAndSampleStandardDeviationOverSeeds() {
        let table = MetricsTable(rows: [
            MetricsRow(run: "a", seed: 0, metrics: [("tv", 1.0), ("fid", 10)]),
            MetricsRow(run: "a", seed: 1, metrics: [("tv", 2.0), ("fid", 20)]),
            MetricsRow(run: "a", seed: 2, metrics: [("tv", 4.0)]),
            MetricsRow(run: "b", seed: 0, metrics: [("fid", 5)]),
        ])
        XCTAssertEqual(table.metricNames, ["tv", "fid"])
        XCTAssertEqual(table.entries.map(\.run), ["a", "b"])
        XCTAssertEqual(table.entries[0].seedCount, 3)
        let tv = table.entries[0].cells[0]!
        XCTAssertEqual(tv.mean, 7.0 / 3.0, accuracy: 1e-12)
        // Sample variance: ((1-7/3)^2 + (2-7/3)^2 + (4-7/3)^2) / 2 = 7/3.
        XCTAssertEqual(tv.standardDeviation!, (7.0 / 3.0).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(tv.count, 3)
        XCTAssertEqual(table.entries[0].cells[1], MetricsTable.Cell(mean: 15, standardDeviation: 50.0.squareRoot(), count: 2))
        XCTAssertNil(table.entries[1].cells[0], "b never reported tv")
        XCTAssertEqual(table.entries[1].cells[1], MetricsTable.Cell(mean: 5, standardDeviation: nil, count: 1))
    }

    func testMarkdownCSVAndLatexRendering() {
        let table = MetricsTable(rows: [
            MetricsRow(run: "lr=1e-3", variant: "cfg", seed: 0, metrics: [("mode_tv", 0.1), ("label_tv", 0.5)]),
            MetricsRow(run: "lr=1e-3", variant: "cfg", seed: 1, metrics: [("mode_tv", 0.3), ("label_tv", 0.5)]),
            MetricsRow(run: "lr=1e-3", variant: "cross_flows", seed: 0, metrics: [("mode_tv", 0.25)]),
        ])
        XCTAssertEqual(table.render(.markdown), """
        | run     | variant     | seeds |      mode_tv | label_tv |
        |---------|-------------|------:|-------------:|---------:|
        | lr=1e-3 | cfg         |     2 | 0.2 ± 0.1414 |  0.5 ± 0 |
        | lr=1e-3 | cross_flows |     1 |         0.25 |        – |

        """)
        XCTAssertEqual(table.render(.csv), """
        run,variant,seeds,mode_tv,mode_tv_std,label_tv,label_tv_std
        lr=1e-3,cfg,2,0.2,0.1414213562373095,0.5,0.0
        lr=1e-3,cross_flows,1,0.25,,,

        """)
        XCTAssertEqual(table.render(.latex), """
        \\begin{tabular}{llrrr}
        \\toprule
        run & variant & seeds & mode\\_tv & label\\_tv \\\\
        \\midrule
        lr=1e-3 & cfg & 2 & $0.2 \\pm 0.1414$ & $0.5 \\pm 0$ \\\\
        lr=1e-3 & cross\\_flows & 1 & $0.25$ & – \\\\
        \\bottomrule
        \\end{tabular}

        """)
    }

    func testWithoutVariantsTheVariantColumnIsOmittedAndCSVQuotes() {
        let table = MetricsTable(rows: [MetricsRow(run: "x: a=1,2", metrics: [("m", 1)])])
        XCTAssertEqual(table.render(.csv), "run,seeds,m,m_std\n\"x: a=1,2\",1,1.0,\n")
        let spread = MetricsTable(rows: [MetricsRow(run: "x", metrics: [("similarity", 0.5), ("similarity_std", 0.1)])])
        XCTAssertTrue(spread.render(.csv).hasPrefix("run,seeds,similarity,similarity_seed_std,similarity_std,similarity_std_std\n"),
                      "a metric named like another's seed std keeps its column: \(spread.render(.csv))")
        XCTAssertTrue(table.render(.markdown).hasPrefix("| run      | seeds | m |\n"))
    }

    // MARK: Collector

    private func makeRun(_ folder: URL, seeds: String, metrics: String, settings: String = "") throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write("experiment: toy\n\(settings)seeds: \(seeds)\n", to: folder.appendingPathComponent("resolved.yaml"))
        try AtomicFile.write(metrics, to: folder.appendingPathComponent("metrics.h5"))
    }

    func testSettingsThatDifferBecomeColumnsAndIdenticalRunsMerge() throws {
        let root = try makeRunTestFolder(self)
        let plan = try SweepPlan(specPath: "toy.yaml", commandLineAxes: [SweepAxis(multirunArgument: "train.lr=1,2"), SweepAxis(multirunArgument: "seeds=[0],[1]")])
        let sweep = try SweepDirectory.create(resultsRoot: root, experiment: "toy", sweepID: "s", plan: plan)
        let values: [Double] = [0.1, 0.3, 0.5, 0.9]
        for job in 0..<4 {
            try makeRun(sweep.jobDirectory(job), seeds: "[\(job % 2)]", metrics: "- tv \(values[job])\n",
                        settings: "model: {depth: 2}\ntrain: {lr: \(job / 2 + 1), steps: 10}\n")
        }
        // A lone run with the same settings as the sweep's lr=1 jobs: merged with them, its seed aggregated too.
        try makeRun(root.appendingPathComponent("toy/20250101-120000-abcdef"), seeds: "[5]", metrics: "- tv 0.2\n",
                    settings: "model: {depth: 2}\ntrain: {lr: 1, steps: 10}\n")
        // Not a run folder (no resolved.yaml): ignored.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("toy/junk"), withIntermediateDirectories: true)
        try AtomicFile.write("x", to: root.appendingPathComponent("toy/junk/metrics.h5"))

        let rows = try ReportCollector(reader: FakeMetricsReader()).collect(from: [root.appendingPathComponent("toy")])
        XCTAssertEqual(rows.map(\.run), ["train.lr=1", "train.lr=1", "train.lr=1", "train.lr=2", "train.lr=2"])
        XCTAssertEqual(rows.map(\.seed), [5, 0, 1, 0, 1])
        let table = MetricsTable(rows: rows)
        XCTAssertEqual(table.settingNames, ["train.lr"], "only the setting that differs; seeds are aggregated, not a column")
        XCTAssertEqual(table.entries.map(\.settings), [["1"], ["2"]])
        XCTAssertEqual(table.entries.map(\.seedCount), [3, 2])
        XCTAssertEqual(table.entries[0].cells[0]!.mean, 0.2, accuracy: 1e-12)
        XCTAssertEqual(table.entries[1].cells[0]!.mean, 0.7, accuracy: 1e-12)
        XCTAssertEqual(table.entries[1].cells[0]!.standardDeviation!, 0.08.squareRoot(), accuracy: 1e-12)
        XCTAssertTrue(table.render(.markdown).hasPrefix("| train.lr | seeds |"), table.render(.markdown))
        XCTAssertTrue(table.render(.csv).hasPrefix("train.lr,seeds,tv,tv_std\n1,3,"), table.render(.csv))
    }

    func testSingleRunsKeepTheirNameAndIdenticalRunsMergeUnderTheExperiment() throws {
        let root = try makeRunTestFolder(self)
        try makeRun(root.appendingPathComponent("toy/r1"), seeds: "[0]", metrics: "- tv 1\n")
        XCTAssertEqual(try ReportCollector(reader: FakeMetricsReader()).collect(from: [root]).map(\.run), ["toy/r1"])
        try makeRun(root.appendingPathComponent("toy/r2"), seeds: "[1]", metrics: "- tv 3\n")
        let table = try ReportCollector(reader: FakeMetricsReader()).table(from: [root])
        XCTAssertEqual(table.entries.map(\.run), ["toy"])
        XCTAssertEqual(table.entries[0].cells[0], MetricsTable.Cell(mean: 2, standardDeviation: 2.0.squareRoot(), count: 2))
    }

    func testZeroPrintsAsZero() {
        XCTAssertEqual(MetricsTable.format(0), "0")
        XCTAssertEqual(MetricsTable.format(9.8e-18), "0", "rounding residue of a zero is a zero")
        XCTAssertEqual(MetricsTable.format(-3e-17), "0")
        XCTAssertEqual(MetricsTable.format(1.5e-4), "0.00015")
        // Equal values: the deviation is exactly 0, not a rounding residue.
        let cell = MetricsTable.aggregate([0.1, 0.1, 0.1])
        XCTAssertEqual(cell, MetricsTable.Cell(mean: 0.1, standardDeviation: 0, count: 3))
        let table = MetricsTable(rows: [MetricsRow(run: "a", seed: 0, metrics: [("m", 9.8e-18)]), MetricsRow(run: "a", seed: 1, metrics: [("m", 9.8e-18)])])
        XCTAssertTrue(table.render(.markdown).contains("| 0 ± 0 |"), table.render(.markdown))
        XCTAssertTrue(table.render(.csv).hasSuffix(",0.0,0.0\n"), table.render(.csv))
    }

    func testOneBadRunIsSkippedWithANote() throws {
        let root = try makeRunTestFolder(self)
        try makeRun(root.appendingPathComponent("toy/good"), seeds: "[0]", metrics: "- tv 1\n")
        try makeRun(root.appendingPathComponent("toy/bad"), seeds: "[0, 1]", metrics: "- tv 1\n- tv 2\n- tv 3\n")
        var collector = ReportCollector(reader: FakeMetricsReader())
        var notes: [String] = []
        collector.onUnreadableRun = { folder, error in notes.append("\(folder.lastPathComponent): \(error)") }
        XCTAssertEqual(try collector.collect(from: [root]).map(\.run), ["toy/good"])
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].hasPrefix("bad: ") && notes[0].contains("3 values of /eval metric 'tv'"), notes[0])
    }

    func testAKilledRunIsCalledKilledNotRunning() throws {
        let root = try makeRunTestFolder(self)
        // A process that has exited: its id is free, as a run killed with SIGKILL leaves it.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        for (name, processID) in [("killed", finished.processIdentifier), ("alive", getpid())] {
            let folder = root.appendingPathComponent("toy/\(name)")
            try makeRun(folder, seeds: "[0]", metrics: "- tv 1\n")
            var provenance = Provenance.collect(specURL: folder.appendingPathComponent("resolved.yaml"), blasThreads: 1, threads: 1)
            provenance.processID = processID
            try RunDirectory(url: folder).writeProvenance(provenance)
        }
        var collector = ReportCollector(reader: FakeMetricsReader())
        var skipped: [String: String] = [:]
        collector.onSkippedRun = { skipped[$0.lastPathComponent] = $1 }
        XCTAssertThrowsError(try collector.collect(from: [root]))  // no run completed
        XCTAssertTrue(skipped["killed"]?.hasPrefix("killed (provenance says running, but process \(finished.processIdentifier)") == true, "\(skipped)")
        XCTAssertTrue(skipped["alive"]?.hasPrefix("running") == true, "\(skipped)")
        var remote = Provenance.collect(specURL: root, blasThreads: 1, threads: 1)
        remote.host = "another-host"
        XCTAssertEqual(remote.liveness, .unverifiable(host: "another-host"))
        remote.status = .interrupted
        XCTAssertEqual(remote.liveness.description, "interrupted")
    }

    func testJobFoldersSortNumerically() throws {
        let root = try makeRunTestFolder(self)
        let plan = try SweepPlan(specPath: "toy.yaml", commandLineAxes: [SweepAxis(key: "a", values: (0..<11).map(String.init))])
        let sweep = try SweepDirectory.create(resultsRoot: root, experiment: "toy", sweepID: "s", plan: plan)
        for job in 0..<11 { try makeRun(sweep.jobDirectory(job), seeds: "[0]", metrics: "- m \(job)\n", settings: "a: \(job)\n") }
        let rows = try ReportCollector(reader: FakeMetricsReader()).collect(from: [sweep.url])
        XCTAssertEqual(rows.map(\.run), (0..<11).map { "a=\($0)" })
    }

    func testErrorsNameTheFile() throws {
        let root = try makeRunTestFolder(self)
        XCTAssertThrowsError(try ReportCollector(reader: FakeMetricsReader()).collect(from: [root])) {
            XCTAssertTrue("\($0)".contains("no run folders"), "\($0)")
        }
        let run = root.appendingPathComponent("toy/r1")
        try makeRun(run, seeds: "[0, 1]", metrics: "- tv 1\n- tv 2\n- tv 3\n")
        XCTAssertThrowsError(try ReportCollector(reader: FakeMetricsReader()).collect(from: [run.appendingPathComponent("metrics.h5")])) {
            XCTAssertTrue("\($0)".contains("r1/metrics.h5: 3 values of /eval metric 'tv' but the run has 2 seed(s)"), "\($0)")
        }
        try AtomicFile.write("experiment: toy\n", to: run.appendingPathComponent("resolved.yaml"))
        XCTAssertThrowsError(try ReportCollector(reader: FakeMetricsReader()).collect(from: [run])) {
            XCTAssertTrue("\($0)".contains("resolved.yaml: missing key 'seeds'"), "\($0)")
        }
    }
}
