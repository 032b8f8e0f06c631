import Foundation
import XCTest
@testable import FlowLab

final class SpecExperimentTests: XCTestCase {
    func testLoadsTheBaseSpec() throws {
        let spec = try ExperimentSpec.load(file: SpecFixtures.path("base.yaml"))
        XCTAssertEqual(spec.experiment, "modecollapse")
        XCTAssertEqual(spec.seeds, [0])
        XCTAssertEqual(spec.data.name, "gaussian_grid")
        XCTAssertEqual(spec.data.options["radius"], .float(4))
        XCTAssertEqual(spec.modalities.map(\.name), ["point", "label"])
        XCTAssertEqual(spec.modalities[1].kind, .discrete)
        XCTAssertEqual(spec.modalities[1].scheduler?.name, "polynomial")
        XCTAssertEqual(spec.modalities[1].scheduler?.keyPath, "modalities.label.scheduler")
        XCTAssertNil(spec.modalities[1].timeSampler)
        XCTAssertEqual(spec.train.optimizer, OptimizerSpec(name: .adamw, learningRate: 1e-3))
        XCTAssertEqual(spec.train.schedule, ScheduleSpec(name: .cosine, warmupSteps: 100))
        XCTAssertEqual(spec.train.emaDecay, 0.999)
        XCTAssertNil(spec.train.conditionDropout)
        XCTAssertEqual(spec.sample.solver.name, "euler")
        XCTAssertEqual(spec.evaluation.metrics.map(\.name), ["label_tv", "mode_tv"])
        XCTAssertTrue(spec.variants.isEmpty)
        XCTAssertTrue(spec.sweep.isEmpty)
    }

    func testChildInheritsAndOverrides() throws {
        let spec = try ExperimentSpec.load(file: SpecFixtures.path("child.yaml"))
        XCTAssertEqual(spec.experiment, "modecollapse_child")
        XCTAssertEqual(spec.train.steps, 500)
        XCTAssertEqual(spec.train.batchSize, 256)
        XCTAssertEqual(spec.train.conditionDropout, 0.1)
        XCTAssertEqual(spec.modalities[1].scheduler?.options["n"], .integer(2))
        XCTAssertEqual(spec.alignment.map(\.name), ["repa"])
        XCTAssertEqual(spec.alignment[0].keyPath, "alignment[0]")
        XCTAssertEqual(spec.sample.guidance?.name, "cfg")
        XCTAssertEqual(spec.variants.map(\.name), ["cfg", "crossflows"])
        XCTAssertEqual(spec.sweep.map(\.key), ["train.optimizer.lr", "seeds"])
    }

    func testCommandLineOverridesAndTheirErrors() throws {
        let spec = try ExperimentSpec.load(file: SpecFixtures.path("base.yaml"),
                                           overrides: ["train.steps=7", "+train.condition_dropout=0.2", "~train.ema", "seeds=[3,4]"])
        XCTAssertEqual(spec.train.steps, 7)
        XCTAssertEqual(spec.train.conditionDropout, 0.2)
        XCTAssertNil(spec.train.emaDecay)
        XCTAssertEqual(spec.seeds, [3, 4])
        let negative = expectSpecError(try ExperimentSpec.load(file: SpecFixtures.path("base.yaml"), overrides: ["train.steps=-5"]))
        XCTAssertEqual(negative?.description, "override 'train.steps=-5': train.steps: -5 is out of range; must be > 0")
        let typo = expectSpecError(try ExperimentSpec.load(file: SpecFixtures.path("base.yaml"), overrides: ["train.stpes=5"]))
        XCTAssertTrue(typo?.message.hasSuffix("did you mean 'train.steps'?") ?? false)
    }

    func testFileErrorsNameFileLineAndKeyPath() {
        func error(_ name: String) -> SpecError? { expectSpecError(try ExperimentSpec.load(file: SpecFixtures.path("errors/\(name).yaml"))) }

        let unknown = error("unknown_key")
        assertLocation(unknown?.location, "unknown_key.yaml", 4, 3)
        XCTAssertEqual(unknown?.keyPath, "train.stpes")
        XCTAssertEqual(unknown?.message, "unknown key 'stpes'; did you mean 'steps'?")

        let misspelled = error("misspelled_required")
        assertLocation(misspelled?.location, "misspelled_required.yaml", 8, 5)
        XCTAssertEqual(misspelled?.message, "unknown key 'lsos'; did you mean 'loss'?")

        let wrongType = error("wrong_type")
        assertLocation(wrongType?.location, "wrong_type.yaml", 3, 10)
        XCTAssertEqual(wrongType?.message, "expected an integer, got string 'abc'")

        let missing = error("missing_required")
        assertLocation(missing?.location, "missing_required.yaml", 4, 5)
        XCTAssertEqual(missing?.keyPath, "modalities.extra.loss")
        XCTAssertEqual(missing?.message, "missing required key 'loss' in 'modalities.extra'")

        let negative = error("negative_steps")
        assertLocation(negative?.location, "negative_steps.yaml", 3, 10)
        XCTAssertEqual(negative?.message, "-5 is out of range; must be > 0")

        let probability = error("bad_probability")
        assertLocation(probability?.location, "bad_probability.yaml", 3, 22)
        XCTAssertEqual(probability?.keyPath, "train.condition_dropout")
        XCTAssertEqual(probability?.message, "1.5 is out of range; must be a probability in [0, 1]")

        let variant = error("bad_variant")
        assertLocation(variant?.location, "bad_variant.yaml", 5, 13)
        XCTAssertEqual(variant?.keyPath, "train.stesp")
    }

    func testEveryOutOfRangeValueIsReportedTogetherSortedByPosition() {
        // train.steps is decoded before train.batch_size but written after it; sample is another section.
        let errors = expectSpecErrors(try ExperimentSpec.load(file: SpecFixtures.path("errors/value_errors.yaml")))
        XCTAssertEqual(errors.map(\.keyPath), ["train.batch_size", "train.steps", "sample.steps"])
        guard errors.count == 3 else { return }
        assertLocation(errors[0].location, "value_errors.yaml", 3, 15)
        XCTAssertEqual(errors[0].message, "-2 is out of range; must be in [1, \(SizeLimits.batchSize)]")
        assertLocation(errors[1].location, "value_errors.yaml", 4, 10)
        XCTAssertEqual(errors[1].message, "-3 is out of range; must be > 0")
        assertLocation(errors[2].location, "value_errors.yaml", 6, 10)
        XCTAssertEqual(errors[2].message, "0 is out of range; must be in [1, \(SizeLimits.sampleSteps)]")
    }

    func testEveryOutOfRangeOverrideIsReportedInTheMultipleErrorFormat() {
        do {
            _ = try ExperimentSpec.load(file: SpecFixtures.path("base.yaml"), overrides: ["train.steps=-3", "train.batch_size=-2"])
            XCTFail("expected SpecErrors")
        } catch {
            XCTAssertEqual("\(error)", """
            2 errors in the spec:
              override 'train.steps=-3': train.steps: -3 is out of range; must be > 0
              override 'train.batch_size=-2': train.batch_size: -2 is out of range; must be in [1, \(SizeLimits.batchSize)]
            """)
        }
    }

    func testEveryOutOfRangeValueOfAVariantIsReported() {
        let errors = expectSpecErrors(try ExperimentSpec.load(file: SpecFixtures.path("errors/variant_value_errors.yaml")))
        XCTAssertEqual(errors.map(\.description), [
            "\(SpecFixtures.path("errors/variant_value_errors.yaml")):5:20: train.steps: -3 is out of range; must be > 0",
            "\(SpecFixtures.path("errors/variant_value_errors.yaml")):5:36: train.batch_size: -2 is out of range; must be in [1, \(SizeLimits.batchSize)]",
        ])
    }

    func testEnumValuesListTheChoices() throws {
        let error = expectSpecError(try ExperimentSpec.load(file: SpecFixtures.path("base.yaml"), overrides: ["modalities.label.kind=discret"]))
        XCTAssertEqual(error?.message, "unknown value 'discret'; expected one of: continuous, discrete; did you mean 'discrete'?")
        XCTAssertEqual(error?.location, .override("modalities.label.kind=discret"))
        let schedule = try ExperimentSpec.load(file: SpecFixtures.path("base.yaml"), overrides: ["train.schedule=constant"])
        XCTAssertEqual(schedule.train.schedule, ScheduleSpec(name: .constant))
    }

    func testVariantsAreFullSpecs() throws {
        let spec = try ExperimentSpec.load(file: SpecFixtures.path("child.yaml"))
        let cfg = try spec.variant(named: "cfg")
        XCTAssertEqual(cfg.sample.guidance?.options["scale"], .float(5))
        XCTAssertEqual(cfg.model.options["conditioning"], .string("label"))
        XCTAssertEqual(cfg.model.options["hidden"], .integer(256))
        XCTAssertTrue(cfg.variants.isEmpty)
        XCTAssertEqual(cfg.train, spec.train)
        let crossflows = try spec.variant(named: "crossflows")
        XCTAssertEqual(crossflows.sample, spec.sample)
        let unknown = expectSpecError(try spec.variant(named: "cgf"))
        XCTAssertEqual(unknown?.message, "unknown variant 'cgf'; variants: cfg, crossflows; did you mean 'cfg'?")
    }

    func testSweepAxesBecomeOverrides() throws {
        let spec = try ExperimentSpec.load(file: SpecFixtures.path("child.yaml"))
        let lr = try spec.sweep[0].overrides()
        XCTAssertEqual(try lr.map { try spec.applying([$0]).train.optimizer.learningRate }, [1e-3, 3e-3])
        let seeds = try spec.sweep[1].overrides()
        XCTAssertEqual(try spec.applying([seeds[1]]).seeds, [1])
        let bad = expectSpecError(try ExperimentSpec(resolved: spec.resolved.applying(OverrideParser.parse("sweep={train.stpes: [1]}"))))
        XCTAssertTrue(bad?.message.contains("did you mean 'train.steps'") ?? false, bad?.description ?? "")
    }

    func testResolvedYAMLRoundTrips() throws {
        let spec = try ExperimentSpec.load(file: SpecFixtures.path("child.yaml"), overrides: ["++description=\"a: b, c\"", "train.steps=300"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowlab-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("resolved.yaml")
        try spec.resolvedYAML.write(to: file, atomically: true, encoding: .utf8)
        let reloaded = try ExperimentSpec.load(file: file.path)
        XCTAssertEqual(reloaded, spec)
        XCTAssertEqual(reloaded.resolvedYAML, spec.resolvedYAML)
        XCTAssertEqual(try reloaded.variant(named: "cfg"), try spec.variant(named: "cfg"))
        XCTAssertFalse(spec.resolvedYAML.contains("extends"))
    }
}

final class SpecGoldenTests: XCTestCase {
    /// `child.resolved.yaml` is the reviewed resolved form of `child.yaml` (extends applied, key order kept).
    func testResolvedYAMLMatchesTheReviewedFixture() throws {
        let spec = try ExperimentSpec.load(file: SpecFixtures.path("child.yaml"))
        let path = SpecFixtures.path("child.resolved.yaml")
        if ProcessInfo.processInfo.environment["FLOWLAB_WRITE_GOLDEN"] != nil {
            try spec.resolvedYAML.write(toFile: path, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(spec.resolvedYAML, try String(contentsOfFile: path, encoding: .utf8))
    }
}
