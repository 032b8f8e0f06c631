import FlowHDF5
import FlowNN
import XCTest
@testable import FlowLab

/// `init:` starts a model from another run's checkpoint, and says exactly what does not fit.
final class CheckpointInitializationTests: XCTestCase {
    func testInitialisationCopiesTheNamedModelAndListsMismatches() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowlab-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let source = try ModeCollapseExperimentTests.runSmoke(["eval.samples=100"], resultsRoot: root)
        let checkpoint = source.checkpointURL.path

        let spec = try ExperimentSpec.load(file: ModeCollapseExperimentTests.smokeSpec,
                                           overrides: ["+init.model=\(checkpoint)", "+init.prefix=crossflows"])
        let setup = try FlowSetup(spec: try spec.variant(named: "crossflows"))
        let fresh = TrainingState(key: "crossflows", setup: setup, seed: 7)
        try CheckpointInitialization.apply(spec.initialization!, to: fresh, modelKey: "crossflows")
        let stored = try StateDictionary.load(from: source.checkpointURL, group: "crossflows/params")
        for (name, tensor) in fresh.model.namedParameters() {
            XCTAssertEqual(tensor.floats, stored[name]!.floats, name)
        }

        // The label-conditioned model has no posterior network: loading the joint model into it must fail and say why.
        let conditional = TrainingState(key: "cfg", setup: try FlowSetup(spec: try spec.variant(named: "cfg")), seed: 7)
        XCTAssertThrowsError(try CheckpointInitialization.apply(spec.initialization!, to: conditional, modelKey: "cfg")) { error in
            XCTAssertTrue("\(error)".contains("posteriorNetwork") || "\(error)".contains("posterior"), "\(error)")
            XCTAssertTrue("\(error)".contains(checkpoint), "\(error)")
        }
        // Without a prefix a checkpoint holding two models is ambiguous unless one is named like the model trained.
        let unnamed = InitSpec(model: checkpoint, prefix: "")
        XCTAssertNoThrow(try CheckpointInitialization.apply(unnamed, to: fresh, modelKey: "crossflows"))
        XCTAssertThrowsError(try CheckpointInitialization.apply(unnamed, to: fresh, modelKey: "other")) { error in
            XCTAssertTrue("\(error)".contains("cfg, crossflows"), "\(error)")
        }
        XCTAssertThrowsError(try CheckpointInitialization.apply(InitSpec(model: "/nonexistent.h5", prefix: ""), to: fresh, modelKey: "x")) {
            XCTAssertTrue("\($0)".contains("/nonexistent.h5"), "\($0)")
        }
    }

    /// REPA's projectors are exempt from a stage start when one side lacks them (a t2i stage trained without REPA
    /// starts a HASTE model, and back); every other mismatch, and mis-shaped projectors, still count.
    func testAlignmentProjectorsAreExemptFromAStageStart() {
        let body = ["image_model.x_embedder.proj.weight": [8, 12], "caption_model.final_layer.linear.bias": [6]]
        let heads = ["image_model.projectors.0.0.weight": [16, 8], "image_model.projectors.0.4.bias": [4]]
        let withHeads = body.merging(heads) { first, _ in first }
        XCTAssertNil(CheckpointInitialization.fitProblem(model: withHeads, stage: body, prefix: ""))
        XCTAssertNil(CheckpointInitialization.fitProblem(model: body, stage: withHeads, prefix: ""))
        XCTAssertNil(CheckpointInitialization.fitProblem(model: body, stage: withHeads, prefix: "image_model"))
        XCTAssertNil(CheckpointInitialization.fitProblem(model: withHeads, stage: withHeads, prefix: ""))
        let narrower = withHeads.merging(["image_model.projectors.0.4.bias": [5]]) { _, new in new }
        XCTAssertEqual(CheckpointInitialization.fitProblem(model: withHeads, stage: narrower, prefix: ""),
                       "shapes differ (1): image_model.projectors.0.4.bias is [4] here, [5] in the stage")
        XCTAssertEqual(CheckpointInitialization.fitProblem(model: withHeads, stage: ["image_model.x_embedder.proj.weight": [8, 12]], prefix: ""),
                       "missing from the stage (1): caption_model.final_layer.linear.bias")
    }
}
