import FlowModels
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// Specs that choose the discrete solver: the jump schedule only with a mask source, and the
/// divergence-free Euler term taking p_0 from the modality's source (it used to crash at sampling).
final class DiscreteSolverSpecTests: XCTestCase {
    static let smokeSpec = ModeCollapseExperimentTests.smokeSpec
    static let jumpSchedule = "sample.solver={name: euler, discrete: jump_schedule}"

    func testJumpScheduleNeedsTheMaskSource() throws {
        // The smoke spec trains with cross_guidance over a uniform base: rejected, naming the key and the source.
        let uniform = try ExperimentSpec.load(file: Self.smokeSpec, overrides: [Self.jumpSchedule])
        XCTAssertThrowsError(try ComponentRegistry.standard.validate(uniform)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("sample.solver.discrete"), text)
            XCTAssertTrue(text.contains("modalities.label.source"), text)
            XCTAssertTrue(text.contains("'cross_guidance' with base 'uniform'"), text)
            XCTAssertTrue(text.contains("exact only for the mask source"), text)
        }
        let plainUniform = try ExperimentSpec.load(file: Self.smokeSpec, overrides: [Self.jumpSchedule, "modalities.label.source=uniform"])
        XCTAssertThrowsError(try ComponentRegistry.standard.validate(plainUniform)) { XCTAssertTrue("\($0)".contains("is 'uniform'"), "\($0)") }
        // One variant's solver is enough to reject the spec.
        let variant = try ExperimentSpec.load(file: Self.smokeSpec,
                                              overrides: ["variants.crossflows={sample: {solver: {name: euler, discrete: jump_schedule}}}"])
        XCTAssertThrowsError(try ComponentRegistry.standard.validate(variant)) { XCTAssertTrue("\($0)".contains("jump schedule"), "\($0)") }

        // A mask source (directly or under cross-guidance) is accepted, and so is the Euler rule with any source.
        for overrides in [[Self.jumpSchedule, "modalities.label.source.base=mask"], [Self.jumpSchedule, "modalities.label.source=mask"], []] {
            let spec = try ExperimentSpec.load(file: Self.smokeSpec, overrides: overrides)
            XCTAssertNoThrow(try ComponentRegistry.standard.validate(spec), "\(overrides)")
            for name in spec.variants.map(\.name) { XCTAssertNoThrow(try FlowSetup(spec: try spec.variant(named: name)), "\(overrides) \(name)") }
        }
    }

    func testDivergenceFreeSamplingUsesTheSourceOfTheModality() throws {
        for base in ["uniform", "mask"] {
            let spec = try ExperimentSpec.load(file: Self.smokeSpec, overrides: [
                "sample.solver={name: euler, divergence_free: 0.5}", "modalities.label.source.base=\(base)"])
            for variant in ["crossflows", "crossflows_cfg", "frozen_prompt"] {
                let setup = try FlowSetup(spec: try spec.variant(named: variant))
                var generator = RandomGenerator(seed: 1, stream: "model")
                let model = MLPFlowModel(configuration: setup.modelConfiguration, generator: &generator)
                var promptGenerator = RandomGenerator(seed: 2, stream: "prompts")
                let prompts = setup.dataset.prompts(64, generator: &promptGenerator)
                let sampled = FlowSampler(setup: setup, variant: variant).sample(model: model, prompts: prompts, seed: 3)
                let labels = try XCTUnwrap(sampled.first?.finalLabels, "\(base) \(variant)")
                XCTAssertEqual(labels.count, 64)
                // An untrained model's posterior may pick the mask id itself (V) at the last step; nothing else.
                let vocabulary = setup.modelConfiguration.outputVocabulary
                XCTAssert(labels.allSatisfy { (0..<vocabulary).contains($0) }, "\(base) \(variant): labels are model tokens")
                XCTAssert(sampled[0].points.allSatisfy(\.isFinite), "\(base) \(variant): finite points")
            }
        }
    }

    func testASpecWithADivergenceFreeTermRunsToTheEnd() throws {
        let results = try makeRunTestFolder(self)
        let run = try ModeCollapseExperimentTests.runSmoke(
            ["~variants", "sample.solver={name: euler, divergence_free: 0.5}", "train.steps=10", "eval.samples=100"], resultsRoot: results)
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.url.appendingPathComponent("samples.h5").path))
    }
}
