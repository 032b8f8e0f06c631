import FlowHDF5
import Foundation
import XCTest
@testable import FlowLab

/// `Experiments/crossflows-table1-small.yaml` (Table 1's pipeline at smoke-test size) end to end through `flowlab run`:
/// both stages train, the three initialised rows start from them with the right prefix, every row's configurations
/// are scored, the text-to-image baseline learns the prompted colour above chance, and report.md carries the Table 1
/// section with a verdict line per claim and the inpainting figure; the baseline and the scratch row train with REPA
/// and HASTE against a 1500-step teacher stage. Measured: baseline colour 0.47 (chance 1/6), 181 s beside another run.
final class CrossFlowsTable1ExperimentTests: XCTestCase {
    static let spec = "Experiments/crossflows-table1-small.yaml"

    func testTableOnePipelineRunsEndToEnd() throws {
        let flowlab = try FlowlabProcess(self)
        let run = flowlab.folder.appendingPathComponent("run")
        let result = try flowlab.run(["run", Self.spec, "--run-dir", run.path, "--threads", "2"],
                                     environment: ["FLOWLAB_STAGES": flowlab.folder.appendingPathComponent("stages").path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.contains("stage t2i_pretrain: train 600 steps"), result.standardError)
        XCTAssertTrue(result.standardError.contains("stage i2t_pretrain: train 200 steps"), result.standardError)
        XCTAssertTrue(result.standardError.contains("stage repa_teacher: train 1500 steps"), result.standardError)
        let log = try String(contentsOf: run.appendingPathComponent("log.txt"), encoding: .utf8)
        for line in ["initialised t2i_baseline from stage 't2i_pretrain'",
                     "initialised crossflows_pretrained_t2i from stage 't2i_pretrain' (prefix image_model)",
                     "initialised crossflows_pretrained_i2t from stage 'i2t_pretrain' (prefix caption_model)"] {
            XCTAssertTrue(log.contains(line), line)
        }
        XCTAssertFalse(log.contains("initialised crossflows_scratch "), "the scratch row starts from nothing")

        let metrics = try HDF5File.open(run.appendingPathComponent("metrics.h5"))
        defer { try? metrics.close() }
        func metric(_ configuration: String, _ name: String) throws -> Double {
            try metrics.read("/eval/\(configuration)/\(name)", as: Double.self).values[0]
        }
        for (row, aligned) in [("t2i_baseline", true), ("crossflows_scratch", true), ("crossflows_pretrained_t2i", false),
                               ("crossflows_pretrained_i2t", false)] {
            XCTAssertTrue(try metric(row, "fid_shapes").isFinite, row)
            XCTAssertEqual(try metrics.exists("/train/\(row)/loss_repa"), aligned, "\(row): REPA and HASTE as in crossflows.yaml")
            XCTAssertEqual(try metrics.exists("/train/\(row)/loss_haste"), aligned, row)
            if row != "t2i_baseline" {
                XCTAssertTrue(try metric(row + "_i2t", "ppl_bound_real").isFinite, row)
                XCTAssertTrue(try metric(row + "_pairs", "pair_consistency").isFinite, row)
            }
        }
        let colour = try metric("t2i_baseline", "pixel_colour_accuracy")
        print("crossflows-table1-small: text-to-image baseline colour \(colour) (chance 1/6)")
        XCTAssertGreaterThan(colour, 0.4, "the text-to-image baseline must take the prompt's colour")

        let report = try String(contentsOf: run.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("## Table 1 at this scale"))
        for claim in 1...6 {
            XCTAssertTrue(report.contains("\n\(claim). *"), "claim \(claim) has a verdict line")
        }
        XCTAssertTrue(report.contains("inpainting_crossflows_scratch_inpaint.png"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.appendingPathComponent("inpainting_crossflows_scratch_inpaint.png").path))
    }
}
