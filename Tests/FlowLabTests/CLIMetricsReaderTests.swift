import FlowHDF5
import Foundation
import XCTest
@testable import FlowLab

/// `HDF5MetricsReader`: `/eval/<configuration>/<metric>` datasets (scalars and per-seed arrays) into report rows.
final class CLIMetricsReaderTests: XCTestCase {
    /// A metrics.h5 like ExperimentRunner writes for two seeds, plus a scalar reported once and one metric directly under /eval.
    private func writeTwoSeedMetrics(to url: URL) throws {
        try HDF5File.writeAtomically(to: url) { file in
            try file.write([0.1, 0.3], to: "/eval/cfg/mode_tv")
            try file.write(0.5, to: "/eval/cfg/label_tv")
            try file.write([Float(0.25), Float(0.75)], to: "/eval/cross_flows/mode_tv")
            try file.write(7.0, to: "/eval/wall_seconds")
            try file.appendSeries([1.0, 0.5], to: "/train/loss")
            try file.setAttribute("seeds", .ints([0, 1]), at: "/eval")
        }
    }

    func testScalarsGiveOneEntryAndArraysOneEntryPerSeedInPathOrder() throws {
        let folder = try makeRunTestFolder(self)
        let url = folder.appendingPathComponent("metrics.h5")
        try writeTwoSeedMetrics(to: url)

        let entries = try HDF5MetricsReader().evalMetrics(at: url)
        XCTAssertEqual(entries.map(\.variant), ["cfg", "cfg", "cfg", "cross_flows", "cross_flows", ""])
        XCTAssertEqual(entries.map(\.metric), ["label_tv", "mode_tv", "mode_tv", "mode_tv", "mode_tv", "wall_seconds"])
        XCTAssertEqual(entries.map(\.value), [0.5, 0.1, 0.3, 0.25, 0.75, 7.0], "float32 widens exactly; /train is ignored")
    }

    func testCollectorTurnsPerSeedArraysIntoMeanAndStandardDeviation() throws {
        let folder = try makeRunTestFolder(self)
        let run = folder.appendingPathComponent("toy/run-a")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try writeTwoSeedMetrics(to: run.appendingPathComponent("metrics.h5"))
        try AtomicFile.write("experiment: toy\nseeds: [3, 4]\n", to: run.appendingPathComponent("resolved.yaml"))

        let collector = ReportCollector(reader: HDF5MetricsReader())
        let rows = try collector.collect(from: [folder])
        XCTAssertEqual(rows.map(\.variant), ["cfg", "cfg", "cross_flows", "cross_flows", ""])
        XCTAssertEqual(rows.map(\.seed), [3, 4, 3, 4, 3])

        let table = try collector.table(from: [folder])
        XCTAssertEqual(table.metricNames, ["label_tv", "mode_tv", "wall_seconds"])
        XCTAssertEqual(table.entries.map(\.variant), ["cfg", "cross_flows", ""])
        XCTAssertEqual(table.entries.map(\.seedCount), [2, 2, 1])
        let cfg = table.entries[0]
        XCTAssertEqual(cfg.cells[0], MetricsTable.Cell(mean: 0.5, standardDeviation: nil, count: 1), "a scalar counts for the first seed")
        XCTAssertEqual(cfg.cells[1]!.mean, 0.2, accuracy: 1e-15)
        XCTAssertEqual(cfg.cells[1]!.standardDeviation!, 0.02.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(table.entries[1].cells[1], MetricsTable.Cell(mean: 0.5, standardDeviation: 0.125.squareRoot(), count: 2))
        XCTAssertEqual(table.entries[2].cells[2], MetricsTable.Cell(mean: 7, standardDeviation: nil, count: 1))
        XCTAssertEqual(table.entries.map(\.run), Array(repeating: "toy/run-a", count: 3))
    }

    func testRunsThatDidNotCompleteAreSkippedWithANote() throws {
        let folder = try makeRunTestFolder(self)
        for (name, status) in [("done", RunStatus.completed), ("stopped", RunStatus.interrupted)] {
            let run = folder.appendingPathComponent("toy/\(name)")
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
            try writeTwoSeedMetrics(to: run.appendingPathComponent("metrics.h5"))
            try AtomicFile.write("experiment: toy\nseeds: [3, 4]\n", to: run.appendingPathComponent("resolved.yaml"))
            var provenance = Provenance.collect(specURL: run.appendingPathComponent("resolved.yaml"), blasThreads: 1, threads: 1)
            provenance.status = status
            try RunDirectory(url: run).writeProvenance(provenance)
        }
        var skipped: [(String, String)] = []
        var collector = ReportCollector(reader: HDF5MetricsReader())
        collector.onSkippedRun = { skipped.append(($0.lastPathComponent, $1)) }
        let table = try collector.table(from: [folder])
        XCTAssertEqual(Set(table.entries.map(\.run)), ["toy/done"])
        XCTAssertEqual(skipped.map(\.0), ["stopped"])
        XCTAssertEqual(skipped.map(\.1), ["interrupted"])
    }

    func testMoreValuesThanSeedsIsAnErrorNamingTheFile() throws {
        let folder = try makeRunTestFolder(self)
        let run = folder.appendingPathComponent("toy/run-a")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try writeTwoSeedMetrics(to: run.appendingPathComponent("metrics.h5"))
        try AtomicFile.write("experiment: toy\nseeds: [0, 1, 2]\n", to: run.appendingPathComponent("resolved.yaml"))
        XCTAssertThrowsError(try ReportCollector(reader: HDF5MetricsReader()).collect(from: [run])) { error in
            XCTAssertTrue("\(error)".contains("2 values of metric 'mode_tv'"), "\(error)")
            XCTAssertTrue("\(error)".contains("metrics.h5"), "\(error)")
        }
    }

    func testMissingEvalGroupEmptyAndMatrixDatasetsAreErrors() throws {
        let folder = try makeRunTestFolder(self)
        let noEval = folder.appendingPathComponent("no-eval.h5")
        try HDF5File.writeAtomically(to: noEval) { try $0.appendSeries([1.0], to: "/train/loss") }
        XCTAssertThrowsError(try HDF5MetricsReader().evalMetrics(at: noEval)) { error in
            XCTAssertEqual("\(error)", "\(noEval.path): no /eval group (did the run finish its evaluation?)")
        }

        let matrix = folder.appendingPathComponent("matrix.h5")
        try HDF5File.writeAtomically(to: matrix) { try $0.write([1.0, 2, 3, 4], shape: [2, 2], to: "/eval/cfg/fid") }
        XCTAssertThrowsError(try HDF5MetricsReader().evalMetrics(at: matrix)) { error in
            XCTAssertEqual("\(error)", "\(matrix.path): /eval/cfg/fid has shape [2, 2]; expected a scalar or one value per seed")
        }

        let empty = folder.appendingPathComponent("empty.h5")
        try HDF5File.writeAtomically(to: empty) { try $0.write([Double](), to: "/eval/cfg/fid") }
        XCTAssertThrowsError(try HDF5MetricsReader().evalMetrics(at: empty)) { error in
            XCTAssertTrue("\(error)".hasSuffix("/eval/cfg/fid is empty; expected a scalar or one value per seed"), "\(error)")
        }

        let text = folder.appendingPathComponent("text.h5")
        try AtomicFile.write("not hdf5\n", to: text)
        XCTAssertThrowsError(try HDF5MetricsReader().evalMetrics(at: text)) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .notHDF5File)
        }
    }

    func testVariantAndMetricOfDatasetPaths() {
        XCTAssertTrue(HDF5MetricsReader.variantAndMetric(ofDatasetPath: "/eval/cfg/mode_tv") == ("cfg", "mode_tv"))
        XCTAssertTrue(HDF5MetricsReader.variantAndMetric(ofDatasetPath: "/eval/fid") == ("", "fid"))
        XCTAssertTrue(HDF5MetricsReader.variantAndMetric(ofDatasetPath: "/eval/a/b/fid") == ("a/b", "fid"))
    }
}
