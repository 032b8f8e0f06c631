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
        XCTAssertTrue(table.render(.markdown).hasPrefix("| run      | seeds | m |\n"))
    }

    // MARK: Collector

    private func makeRun(_ folder: URL, seeds: String, metrics: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write("experiment: toy\nseeds: \(seeds)\n", to: folder.appendingPathComponent("resolved.yaml"))
        try AtomicFile.write(metrics, to: folder.appendingPathComponent("metrics.h5"))
    }

    func testCollectsSweepJobsAndAggregatesSeedsAcrossJobs() throws {
        let root = try makeRunTestFolder(self)
        let plan = try SweepPlan(specPath: "toy.yaml", commandLineAxes: [SweepAxis(multirunArgument: "lr=1,2"), SweepAxis(multirunArgument: "seeds=[0],[1]")])
        let sweep = try SweepDirectory.create(resultsRoot: root, experiment: "toy", sweepID: "s", plan: plan)
        let values: [Double] = [0.1, 0.3, 0.5, 0.9]
        for job in 0..<4 {
            try makeRun(sweep.jobDirectory(job), seeds: "[\(job % 2)]", metrics: "- tv \(values[job])\n")
        }
        // A lone run next to the sweep, with three seeds in one file and two variants.
        try makeRun(root.appendingPathComponent("toy/20250101-120000-abcdef"), seeds: "[0, 1, 2]",
                    metrics: "cfg tv 1\ncfg tv 2\ncfg tv 3\nplain tv 5\nplain tv 5\nplain tv 5\n")
        // Not a run folder (no resolved.yaml): ignored.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("toy/junk"), withIntermediateDirectories: true)
        try AtomicFile.write("x", to: root.appendingPathComponent("toy/junk/metrics.h5"))

        let rows = try ReportCollector(reader: FakeMetricsReader()).collect(from: [root.appendingPathComponent("toy")])
        XCTAssertEqual(rows.map(\.run), ["toy/20250101-120000-abcdef", "toy/20250101-120000-abcdef", "toy/20250101-120000-abcdef",
                                         "toy/20250101-120000-abcdef", "toy/20250101-120000-abcdef", "toy/20250101-120000-abcdef",
                                         "sweep-s: lr=1", "sweep-s: lr=1", "sweep-s: lr=2", "sweep-s: lr=2"])
        XCTAssertEqual(rows.map(\.seed), [0, 1, 2, 0, 1, 2, 0, 1, 0, 1])
        let table = MetricsTable(rows: rows)
        XCTAssertEqual(table.entries.map { "\($0.run)|\($0.variant)" },
                       ["toy/20250101-120000-abcdef|cfg", "toy/20250101-120000-abcdef|plain", "sweep-s: lr=1|", "sweep-s: lr=2|"])
        XCTAssertEqual(table.entries[0].cells[0], MetricsTable.Cell(mean: 2, standardDeviation: 1, count: 3))
        XCTAssertEqual(table.entries[2].cells[0]!.mean, 0.2, accuracy: 1e-12)
        XCTAssertEqual(table.entries[3].cells[0]!.mean, 0.7, accuracy: 1e-12)
        XCTAssertEqual(table.entries[3].cells[0]!.standardDeviation!, 0.08.squareRoot(), accuracy: 1e-12)
    }

    func testJobFoldersSortNumerically() throws {
        let root = try makeRunTestFolder(self)
        let plan = try SweepPlan(specPath: "toy.yaml", commandLineAxes: [SweepAxis(key: "a", values: (0..<11).map(String.init))])
        let sweep = try SweepDirectory.create(resultsRoot: root, experiment: "toy", sweepID: "s", plan: plan)
        for job in 0..<11 { try makeRun(sweep.jobDirectory(job), seeds: "[0]", metrics: "- m \(job)\n") }
        let rows = try ReportCollector(reader: FakeMetricsReader()).collect(from: [sweep.url])
        XCTAssertEqual(rows.map(\.run), (0..<11).map { "sweep-s: a=\($0)" })
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
