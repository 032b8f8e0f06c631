import FlowSupport
import Foundation
import XCTest
@testable import FlowLab

/// The `report.ablations` sub-tables of a sweep: located spec errors, rows and verdicts from synthetic runs (the
/// CrossFlows table's rule: different when > 5% apart and > 2 sigma over seeds), and the sweep's report.md written
/// from real metrics.h5 files whose `higher_is_better` gives each metric's direction.
final class AblationReportTests: XCTestCase {
    /// The Table 4a sub-table, as a spec writes it.
    static let targetTable = """
        title: Text alignment target
        key: model.alignment_target
        fixed: {model.alignment_loss: contrastive}
        configuration: t2i_s2.0
        metrics: [fid_shapes, pixel_position_accuracy, pixel_colour_accuracy]
        paper: {metric: COCO FID-30K, better: lower, values: {avg_pool: 36.02, mlp: 29.14}}
        """

    static func table(_ yaml: String) throws -> AblationTableSpec {
        try SpecDecoder.decode(AblationTableSpec.self, from: SpecNode.parse(yaml: yaml, file: "table.yaml"), keyPath: "report.ablations[0]")
    }

    /// A run with `target` and `loss` set, seed `seed`, and the metrics of configuration `t2i_s2.0` (plus the data reference).
    static func run(_ target: String, _ loss: String, seed: Int, _ metrics: [(String, Double)]) -> AblationRun {
        AblationRun(folder: URL(fileURLWithPath: "/runs/\(target)-\(loss)-\(seed)"),
                    settings: ["model.alignment_target": target, "model.alignment_loss": loss, "seeds": "[\(seed)]"],
                    rows: [MetricsRow(run: "", variant: "data_reference", seed: seed, metrics: [("fid_shapes", 1), ("pixel_position_accuracy", 1)]),
                           MetricsRow(run: "", variant: "t2i_s2.0", seed: seed, metrics: metrics)])
    }

    /// FID lower is better, the accuracies higher.
    static func directions(_ configuration: String, _ metric: String) -> Bool? { metric != "fid_shapes" }

    func testVerdictsFollowThePaperOrderingTheMetricDirectionAndTheMargins() throws {
        let runs = [
            // FID: mlp 29.5 ± 0.71 vs avg_pool 35.5 ± 0.71, lower is better as in the paper: reproduces.
            // Position (higher is better): avg_pool 0.6 vs mlp 0.4: the paper's better row is worse here: reversed.
            // Colour: 0.30 vs 0.31, within 5%: tie.
            Self.run("avg_pool", "contrastive", seed: 0, [("fid_shapes", 35), ("pixel_position_accuracy", 0.6), ("pixel_colour_accuracy", 0.30)]),
            Self.run("avg_pool", "contrastive", seed: 1, [("fid_shapes", 36), ("pixel_position_accuracy", 0.6), ("pixel_colour_accuracy", 0.30)]),
            Self.run("mlp", "contrastive", seed: 0, [("fid_shapes", 29), ("pixel_position_accuracy", 0.4), ("pixel_colour_accuracy", 0.31)]),
            Self.run("mlp", "contrastive", seed: 1, [("fid_shapes", 30), ("pixel_position_accuracy", 0.4), ("pixel_colour_accuracy", 0.31)]),
            // Another value of a fixed key: left out (it would reverse the FID verdict if counted).
            Self.run("mlp", "cosine", seed: 0, [("fid_shapes", 90), ("pixel_position_accuracy", 0.9), ("pixel_colour_accuracy", 0.9)]),
        ]
        let table = try AblationTable(spec: try Self.table(Self.targetTable), runs: runs, direction: Self.directions)
        XCTAssertEqual(table.rows.map(\.value.flowText), ["avg_pool", "mlp"])
        let mlp = try XCTUnwrap(table.rows[1].statistics[0])
        XCTAssertEqual(mlp.mean, 29.5, accuracy: 1e-12)
        XCTAssertEqual(mlp.std, 0.5.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(mlp.count, 2)
        XCTAssertEqual(table.verdict(metric: 0), .reproduces)
        XCTAssertEqual(table.verdict(metric: 1), .reversed)
        XCTAssertEqual(table.verdict(metric: 2), .tie)
        let text = table.markdown()
        XCTAssertTrue(text.contains("| model.alignment_target | fid_shapes ↓ | pixel_position_accuracy ↑ | pixel_colour_accuracy ↑ | n | paper COCO FID-30K ↓ |"), text)
        XCTAssertTrue(text.contains("| mlp | 29.5 ± 0.71 | 0.4 ± 0 | 0.31 ± 0 | 2 | 29.14 |"), text)
        XCTAssertTrue(text.contains("Paper (COCO FID-30K, lower is better): mlp (29.14) better than avg_pool (36.02)."), text)
        XCTAssertTrue(text.contains("- `fid_shapes` (lower is better): mlp 29.5 ± 0.71 vs avg_pool 35.5 ± 0.71: **reproduces**."), text)
        XCTAssertTrue(text.contains("- `pixel_position_accuracy` (higher is better): mlp 0.4 ± 0 vs avg_pool 0.6 ± 0: **does not reproduce** (reversed)."), text)

        // More than 5% apart but within twice the larger standard deviation: a tie.
        let noisy = [
            Self.run("avg_pool", "contrastive", seed: 0, [("fid_shapes", 30), ("pixel_position_accuracy", 0.5), ("pixel_colour_accuracy", 0.3)]),
            Self.run("avg_pool", "contrastive", seed: 1, [("fid_shapes", 40), ("pixel_position_accuracy", 0.5), ("pixel_colour_accuracy", 0.3)]),
            Self.run("mlp", "contrastive", seed: 0, [("fid_shapes", 31), ("pixel_position_accuracy", 0.5), ("pixel_colour_accuracy", 0.3)]),
        ]
        XCTAssertEqual(try AblationTable(spec: try Self.table(Self.targetTable), runs: noisy, direction: Self.directions).verdict(metric: 0), .tie)
        // A paper row without runs: not checked, shown with n = 0.
        let missing = try AblationTable(spec: try Self.table(Self.targetTable), runs: Array(runs.prefix(2)), direction: Self.directions)
        XCTAssertEqual(missing.verdict(metric: 0), .notChecked)
        XCTAssertTrue(missing.markdown().contains("| mlp | – | – | – | 0 | 29.14 |"), missing.markdown())
    }

    func testAPaperGapWithinTheMarginIsNoted() throws {
        let spec = try Self.table("""
            title: Weight
            key: model.alignment_weight
            configuration: t2i_s2.0
            metrics: [fid_shapes]
            paper: {metric: COCO FID-30K, better: lower, values: {1.0: 29.14, 2.0: 30.59}}
            """)
        // Swept values are YAML values: the run's `1` is the paper's `1.0`.
        let runs = [AblationRun(folder: URL(fileURLWithPath: "/a"), settings: ["model.alignment_weight": "1"], rows: [MetricsRow(run: "", variant: "t2i_s2.0", seed: 0, metrics: [("fid_shapes", 20)])]),
                    AblationRun(folder: URL(fileURLWithPath: "/b"), settings: ["model.alignment_weight": "2.0"], rows: [MetricsRow(run: "", variant: "t2i_s2.0", seed: 0, metrics: [("fid_shapes", 25)])])]
        let table = try AblationTable(spec: spec, runs: runs, direction: Self.directions)
        XCTAssertEqual(table.rows.map { $0.statistics[0]?.mean }, [20, 25])
        XCTAssertEqual(table.verdict(metric: 0), .reproduces)
        XCTAssertTrue(table.markdown().contains("The paper's own smallest gap (4.7%) is within the 5% margin"), table.markdown())
    }

    func testAMetricOrConfigurationTheRunsLackIsAnErrorAtItsKey() throws {
        let runs = [Self.run("mlp", "contrastive", seed: 0, [("fid_shapes", 30), ("pixel_position_accuracy", 0.5), ("pixel_colour_accuracy", 0.3)])]
        let unknownMetric = try Self.table(Self.targetTable.replacingOccurrences(of: "pixel_colour_accuracy]", with: "clipscore_x100_shapes]"))
        XCTAssertThrowsError(try AblationTable(spec: unknownMetric, runs: runs, direction: Self.directions)) { error in
            XCTAssertEqual("\(error)", "table.yaml:5:10: report.ablations[0].metrics: no run produced metric 'clipscore_x100_shapes' in configuration "
                           + "'t2i_s2.0'; it has fid_shapes, pixel_position_accuracy, pixel_colour_accuracy")
        }
        let unknownConfiguration = try Self.table(Self.targetTable.replacingOccurrences(of: "t2i_s2.0", with: "t2i_s3.0"))
        XCTAssertThrowsError(try AblationTable(spec: unknownConfiguration, runs: runs, direction: Self.directions)) { error in
            XCTAssertEqual("\(error)", "table.yaml:4:16: report.ablations[0].configuration: no run has configuration 't2i_s3.0' in its metrics.h5; "
                           + "the runs have data_reference, t2i_s2.0")
        }
        // Without `configuration`, the only one besides data_reference that has the first metric.
        let implicit = try Self.table(Self.targetTable.replacingOccurrences(of: "configuration: t2i_s2.0\n", with: ""))
        XCTAssertEqual(try AblationTable(spec: implicit, runs: runs, direction: Self.directions).configuration, "t2i_s2.0")
        XCTAssertThrowsError(try AblationTable(spec: try Self.table(Self.targetTable), runs: runs, direction: { _, _ in nil })) { error in
            XCTAssertTrue("\(error)".contains("metrics: metric 'fid_shapes' has no direction (higher_is_better) in metrics.h5"), "\(error)")
        }
    }

    func testSpecErrorsNameTheirFileLineAndKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ablation-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = FlowlabProcess.packageRoot.appendingPathComponent("Experiments/flowtok-small.yaml").path
        func errors(_ report: String) throws -> String {
            let file = folder.appendingPathComponent("spec.yaml")
            try AtomicFile.write("""
                extends: \(base)
                experiment: bad
                sweep:
                  model.alignment_target: [avg_pool, mlp]
                  model.alignment_loss: [cosine, contrastive]
                  seeds: [[0], [1]]
                report:
                  ablations:
                \(report)
                """, to: file)
            do {
                _ = try ExperimentSpec.load(file: file.path)
                return ""
            } catch {
                return "\(error)".replacingOccurrences(of: file.path, with: "spec.yaml")
            }
        }
        let shape = try errors("""
                - title: target
                  key: model.alignment_target
                  metrics: [fid_shapes, fid_shapes]
                  paper: {metric: FID, better: smaller, values: {avg_pool: 36.02}}
                  colour: red
            """)
        XCTAssertTrue(shape.contains("spec.yaml:11:16: report.ablations[0].metrics: metric 'fid_shapes' is listed twice"), shape)
        XCTAssertTrue(shape.contains("spec.yaml:12:36: report.ablations[0].paper.better: expected 'lower' or 'higher', got 'smaller'"), shape)
        let unknown = try errors("""
                - title: target
                  key: model.alignment_target
                  fixed: {model.alignment_loss: contrastive}
                  metrics: [fid_shapes]
                  colour: red
            """)
        XCTAssertEqual(unknown, "spec.yaml:13:7: report.ablations[0].colour: unknown key 'colour'; valid keys: configuration, fixed, key, metrics, paper, title")
        let sweep = try errors("""
                - title: target
                  key: model.alignment_target
                  fixed: {model.alignment_loss: hinge, model.alignment_weight: 1.0}
                  metrics: [fid_shapes]
                  paper: {metric: FID, better: lower, values: {avg_pool: 36.02, attention: 29.14}}
                - title: weight
                  key: model.alignment_weight
                  metrics: [fid_shapes]
                - title: loss
                  key: model.alignment_loss
                  metrics: [fid_shapes]
            """)
        for expected in [
            "spec.yaml:11:37: report.ablations[0].fixed.model.alignment_loss: hinge is not among the swept values [cosine, contrastive]",
            "spec.yaml:11:44: report.ablations[0].fixed.model.alignment_weight: 'model.alignment_weight' is not a key of the spec's sweep: block (model.alignment_target, model.alignment_loss, seeds); fix only swept keys",
            "spec.yaml:13:69: report.ablations[0].paper.values.attention: attention is not among the swept values of model.alignment_target [avg_pool, mlp]",
            "spec.yaml:15:12: report.ablations[1].key: 'model.alignment_weight' is not a key of the spec's sweep: block",
            "spec.yaml:18:12: report.ablations[2].key: 'model.alignment_target' is swept but not fixed: each row would average over its values; add it to fixed",
        ] {
            XCTAssertTrue(sweep.contains(expected), "missing \(expected) in\n\(sweep)")
        }
        XCTAssertEqual(try errors("""
                - title: target
                  key: model.alignment_target
                  fixed: {model.alignment_loss: contrastive}
                  metrics: [fid_shapes]
                  paper: {metric: FID, better: lower, values: {avg_pool: 36.02, mlp: 29.14}}
            """), "")
        // The committed Table 4 spec decodes and fits its sweep.
        XCTAssertEqual(try ExperimentSpec.load(file: FlowlabProcess.packageRoot.appendingPathComponent("Experiments/flowtok-ablations.yaml").path).report.ablations.count, 3)
    }

    func testTheSweepReportReadsRealMetricsFilesAndTheirDirections() throws {
        let sweep = FileManager.default.temporaryDirectory.appendingPathComponent("ablation-sweep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: sweep) }
        let report = """
            report:
              ablations:
                - title: Text alignment target
                  key: model.alignment_target
                  configuration: t2i_s2.0
                  metrics: [fid_shapes, pixel_position_accuracy]
                  paper: {metric: COCO FID-30K, better: lower, values: {avg_pool: 36.02, mlp: 29.14}}

            """
        let values: [(String, Int, Double, Double)] = [("avg_pool", 0, 36, 0.5), ("avg_pool", 1, 37, 0.52), ("mlp", 0, 30, 0.7), ("mlp", 1, 31, 0.72)]
        for (index, (target, seed, fid, position)) in values.enumerated() {
            let folder = sweep.appendingPathComponent(String(index))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try AtomicFile.write("experiment: toy\nseeds: [\(seed)]\nmodel: {alignment_target: \(target)}\n" + report, to: folder.appendingPathComponent("resolved.yaml"))
            let metrics = [MetricValue(name: "fid_shapes", value: fid, description: "FID", higherIsBetter: false),
                           MetricValue(name: "pixel_position_accuracy", value: position, description: "cell", higherIsBetter: true)]
            try EvaluationFile.write([["t2i_s2.0": metrics]], configurations: [("t2i_s2.0", "t2i")], seeds: [seed], specFingerprint: "x",
                                     to: folder.appendingPathComponent("metrics.h5"))
        }
        let written = try SweepDirectory(url: sweep).writeReport()
        let text = try String(contentsOf: written, encoding: .utf8)
        XCTAssertTrue(text.contains("## Ablations next to the paper"), text)
        XCTAssertTrue(text.contains("| mlp | 30.5 ± 0.71 | 0.71 ± 0.014 | 2 | 29.14 |"), text)
        XCTAssertTrue(text.contains("- `fid_shapes` (lower is better): mlp 30.5 ± 0.71 vs avg_pool 36.5 ± 0.71: **reproduces**."), text)
        XCTAssertTrue(text.contains("- `pixel_position_accuracy` (higher is better): mlp 0.71 ± 0.014 vs avg_pool 0.51 ± 0.014: **reproduces**."), text)
    }
}
