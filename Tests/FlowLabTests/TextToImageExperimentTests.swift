import FlowHDF5
import Foundation
import XCTest
@testable import FlowLab

/// `Experiments/shapes-t2i-small.yaml` end to end through `flowlab run`: a caption-conditioned DiT must learn to
/// put the prompted colour in the prompted cell far above chance, and the run must write its files in the
/// documented layout.
final class TextToImageExperimentTests: XCTestCase {
    static let spec = "Experiments/shapes-t2i-small.yaml"

    func testCaptionConditionedImageFlowFollowsItsPrompts() throws {
        let flowlab = try FlowlabProcess(self)
        let run = flowlab.folder.appendingPathComponent("run")
        let result = try flowlab.run(["run", Self.spec, "--run-dir", run.path, "--threads", "2"],
                                     environment: ["FLOWLAB_STAGES": flowlab.folder.appendingPathComponent("stages").path])
        XCTAssertEqual(result.status, 0, result.standardError)

        let metrics = try HDF5File.open(run.appendingPathComponent("metrics.h5"))
        defer { try? metrics.close() }
        func metric(_ configuration: String, _ name: String) throws -> Double {
            let values = try metrics.read("/eval/\(configuration)/\(name)", as: Double.self)
            XCTAssertEqual(values.shape, [1], "one value per seed")
            return values.values[0]
        }
        // The real images with their own captions: the pixel reader must be (nearly) always right there.
        XCTAssertGreaterThan(try metric("data_reference", "pixel_colour_accuracy"), 0.97)
        XCTAssertGreaterThan(try metric("data_reference", "pixel_position_accuracy"), 0.97)
        // Chance is 1/6 for the colour and 1/9 for the cell.
        let colour = try metric("shapes-t2i-small_w3.0", "pixel_colour_accuracy")
        let position = try metric("shapes-t2i-small_w3.0", "pixel_position_accuracy")
        print("shapes-t2i-small, CFG w = 3: colour accuracy \(colour) (chance 0.167), position accuracy \(position) (chance 0.111)")
        XCTAssertGreaterThan(colour, 0.6, "the images must take the prompt's colour")
        XCTAssertGreaterThan(position, 0.5, "the images must put the object in the prompt's cell")
        XCTAssertEqual(try metrics.attribute("higher_is_better", at: "/eval/shapes-t2i-small_w3.0/pixel_colour_accuracy").boolValue, true)
        XCTAssertTrue(try metrics.exists("/train/shapes-t2i-small/loss_image"))

        let samples = try HDF5File.open(run.appendingPathComponent("samples.h5"))
        defer { try? samples.close() }
        for configuration in ["shapes-t2i-small_w1.0", "shapes-t2i-small_w3.0", "data_reference", "reference"] {
            let info = try samples.datasetInfo("/\(configuration)/seed_0/images")
            XCTAssertEqual(info.shape, [200, 16, 16, 3], configuration)
            XCTAssertEqual(info.dataType, .uint8, configuration)
        }
        XCTAssertEqual(try samples.readStrings("/shapes-t2i-small_w3.0/seed_0/prompts").count, 200)
        XCTAssertEqual(try samples.datasetInfo("/shapes-t2i-small_w3.0/seed_0/prompt_tokens").shape, [200, 16])
        XCTAssertEqual(try samples.datasetInfo("/reference/seed_0/captions").shape, [200, 5])

        let report = try String(contentsOf: run.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("pixel_colour_accuracy") && report.contains("shapes-t2i-small.png"), report)
        let grid = try Data(contentsOf: run.appendingPathComponent("shapes-t2i-small.png"))
        XCTAssertEqual(Array(grid.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        let provenance = try RunDirectory.open(run).readProvenance()
        XCTAssertEqual(provenance.status, .completed)
        let peak = try XCTUnwrap(provenance.peakResidentBytes)
        XCTAssertGreaterThan(peak, 10_000_000)
        XCTAssertLessThan(peak, 2_000_000_000, "the small experiment must stay far below 2 GB")
        XCTAssertTrue(result.standardError.contains("peak memory"), result.standardError)
    }

    /// Every misfit of the image engine is reported at once, naming its key (`flowlab run` checks this before it makes a folder).
    func testMisfitsAreReportedTogether() throws {
        let overrides = ["modalities.image.path=mixture", "modalities.caption.role=generated", "+modalities.caption.path=mixture",
                         "+modalities.caption.scheduler=condot", "+modalities.caption.source=mask", "+modalities.caption.loss=cross_entropy",
                         "model.patch_size=3", "eval.metrics=[shapes_pixels, label_agreement]", "eval.samples=401"]
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: overrides)) { error in
            let text = "\(error)"
            for key in ["modalities.image.path", "modalities.caption.role", "model", "eval.metrics[1]", "eval.samples"] {
                XCTAssertTrue(text.contains(key + ":"), "\(key) missing from: \(text)")
            }
            XCTAssertTrue(text.contains("scores the point-and-label toy"), text)
        }
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: ["+modalities.label={kind: discrete, role: condition}"])) {
            XCTAssertTrue("\($0)".contains("modalities.label") && "\($0)".contains("provides 'image'"), "\($0)")
        }
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: ["sample.guidance=cross"])) {
            XCTAssertTrue("\($0)".contains("sample.guidance"), "\($0)")
        }
    }

    /// Evaluator suites are checked against the spec before anything trains: `dit` generates no captions, and a
    /// suite may not be listed with one whose metrics it already reports; `feature_metrics` scores an unconditional flow.
    func testEvaluatorSuitesAreCheckedAgainstWhatTheSpecGenerates() throws {
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec,
                                                                overrides: ["eval.metrics=[shapes_t2i, feature_metrics, shapes_pairs]"])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("eval.metrics[2]: evaluator suite 'shapes_pairs' needs generated captions, but model 'dit' "
                                        + "generates only images"), text)
            XCTAssertTrue(text.contains("eval.metrics[1]: evaluator suite 'shapes_t2i' already reports the metrics of 'feature_metrics'; "
                                        + "list one of them"), text)
        }
        XCTAssertNoThrow(try ExperimentRunner.loadValidated(file: Self.spec, overrides: [
            "~modalities.caption", "sample.guidance={name: unconditional}", "eval.metrics=[feature_metrics, inception_metrics]",
        ]))
    }
}

/// A text-to-image run interrupted by SIGINT after its first checkpoint and resumed equals an uninterrupted one
/// bit for bit: parameters, optimizer moments, weight average, data-loader position, curves, images and metrics.
final class TextToImageResumeTests: XCTestCase {
    func testInterruptedAndResumedRunEqualsAnUninterruptedOne() throws {
        try assertResumedRunEqualsUninterruptedOne(overrides: [])
    }

    /// With captions read through MiniLM, whose cache fills in another order after the resume (100 training images,
    /// so that the few hundred distinct captions are encoded quickly).
    func testMiniLMConditionedRunResumesBitForBit() throws {
        try PretrainedWeightsRequirement.require(.miniLM)
        try assertResumedRunEqualsUninterruptedOne(overrides: ["+model.text_encoder=minilm", "data.train_count=100"])
    }

    /// Runs `shapes-t2i-small` shortened and with `overrides` straight through, and again interrupted after its
    /// first checkpoint and resumed; every dataset of the two runs' files must be equal.
    private func assertResumedRunEqualsUninterruptedOne(overrides extra: [String]) throws {
        let flowlab = try FlowlabProcess(self)
        let overrides = ["train.steps=300", "train.checkpoint_every=50", "train.schedule.warmup_steps=10", "eval.samples=20",
                         "sample.steps=4"] + extra
        let straight = flowlab.folder.appendingPathComponent("straight")
        let finished = try flowlab.run(["run", "--run-dir", straight.path, "--quiet", "--threads", "2", "--",
                                        TextToImageExperimentTests.spec] + overrides)
        XCTAssertEqual(finished.status, 0, finished.standardError)

        let killed = flowlab.folder.appendingPathComponent("killed")
        let process = try flowlab.launch(["run", "--run-dir", killed.path, "--quiet", "--threads", "2", "--",
                                          TextToImageExperimentTests.spec] + overrides)
        let checkpoint = killed.appendingPathComponent("checkpoint.h5")
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: checkpoint.path) && process.isRunning && Date() < deadline { usleep(2_000) }
        XCTAssertTrue(process.isRunning, "the run finished before it could be interrupted; raise train.steps")
        process.interrupt()
        let interrupted = try flowlab.result(of: process)
        XCTAssertEqual(interrupted.status, 130, interrupted.standardError)
        XCTAssertEqual(try RunDirectory.open(killed).readProvenance().status, .interrupted)

        let resumed = try flowlab.run(["run", "--resume", killed.path, "--quiet", "--threads", "2"])
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
        try assertSameDatasets(straight.appendingPathComponent("checkpoint.h5"), checkpoint, under: "/")
        try assertSameDatasets(straight.appendingPathComponent("samples.h5"), killed.appendingPathComponent("samples.h5"), under: "/")
        try assertSameDatasets(straight.appendingPathComponent("metrics.h5"), killed.appendingPathComponent("metrics.h5"), under: "/",
                               skipping: "_per_second")
    }
}
