import FlowNN
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// Frozen stage references: a model that brings its own objective (``ObjectiveModelOptions``) trains as a stage; a
/// later stage loads it frozen (`model.teacher: {stage: base}`), its cache key follows the frozen stage's, and bad
/// references (missing, later, of the wrong kind) are located spec errors reported before anything trains.
final class FrozenStageTests: XCTestCase {
    static let fixture = FlowlabProcess.packageRoot.appendingPathComponent("Tests/Fixtures/specs/stages/frozen.yaml").path

    /// The standard registry plus the test-only `frozen_probe` model.
    static let registry: ComponentRegistry = {
        var registry = ComponentRegistry.standard
        registry.register(.model, "frozen_probe", options: FrozenProbeOptions.self) { $0 }
        return registry
    }()

    func testLaterStageLoadsTheEarlierOneFrozen() throws {
        let root = try makeRunTestFolder(self)
        let cache = StageCache(root: root.appendingPathComponent("stages"))
        let spec = try ExperimentSpec.load(file: Self.fixture)
        try ExperimentRunner.validate(spec, registry: Self.registry)
        let run = try RunDirectory.create(resultsRoot: root, experiment: spec.experiment, resolvedYAML: spec.resolvedYAML)
        let runner = ExperimentRunner(spec: spec, run: run, log: try run.openLog(), progress: ProgressReporter(mode: .quiet),
                                      stop: nil, registry: Self.registry, stageCache: cache)
        let checkpoints = try XCTUnwrap(try runner.runStages())[0] ?? [:]
        func vector(_ stage: String) throws -> [Float] {
            try StateDictionary.load(from: XCTUnwrap(checkpoints[stage]), group: "\(stage)/params")["layer.weight"]!.floats
        }
        for value in try vector("base") { XCTAssertEqual(value, 1, accuracy: 0.02, "base fits its offset") }
        for value in try vector("follow") { XCTAssertEqual(value, 2, accuracy: 0.04, "follow fits the frozen base + its offset") }

        // The follow stage's key changes with the stage it loads, not only with its own settings.
        let keys = try StagePlan(spec: spec, cache: cache).entries.map(\.key)
        let changed = try StagePlan(spec: ExperimentSpec.load(file: Self.fixture, overrides: ["stages.base.model.offset=3.0"]),
                                    cache: cache).entries.map(\.key)
        XCTAssertNotEqual(keys[0], changed[0])
        XCTAssertNotEqual(keys[1], changed[1], "a stage that loads another frozen is keyed by it")
    }

    func testBadReferencesAreLocatedSpecErrors() throws {
        // Missing and later stages: StageGraph's checks, at load, named by their key paths.
        let overrides = ["+stages.typo={model: {name: frozen_probe, teacher: {stage: bsae}}}",
                         "+stages.toy={model: {name: frozen_probe, teacher: {stage: plain}}}",
                         "+stages.plain={train: {steps: 20}}"]
        XCTAssertThrowsError(try ExperimentSpec.load(file: Self.fixture, overrides: overrides)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("2 errors in the spec"), text)
            for expected in ["stages.typo.model.teacher.stage: no stage 'bsae'", "did you mean 'base'?",
                             "stages.toy.model.teacher.stage: stage 'plain' comes after 'toy'"] {
                XCTAssertTrue(text.contains(expected), "'\(expected)' missing from: \(text)")
            }
        }
        // A stage of the wrong kind: the referring model's options say why, at the reference.
        let wrongKind = try ExperimentSpec.load(file: Self.fixture, overrides: ["+stages.plain={train: {steps: 20}}",
                                                                                 "+stages.toy={model: {name: frozen_probe, teacher: {stage: plain}}}"])
        XCTAssertThrowsError(try ExperimentRunner.validate(wrongKind, registry: Self.registry)) { error in
            XCTAssertTrue("\(error)".contains("stages.toy.model.teacher.stage: stage 'plain' cannot serve as teacher: its model is 'mlp_flow'"),
                          "\(error)")
        }
    }
}

/// A test-only model that brings its own objective: a 4-vector fitted to `offset` plus, with `teacher`, the
/// frozen vector of the stage it names.
private struct FrozenProbeOptions: Decodable, Sendable, ObjectiveModelOptions {
    var offset: Double?
    var teacher: FrozenStageReference?

    var frozenStages: [String: FrozenStageReference] { teacher.map { ["teacher": $0] } ?? [:] }

    func problem(option: String, stage: ExperimentSpec, registry: ComponentRegistry) -> String? {
        stage.model.name == "frozen_probe" ? nil : "its model is '\(stage.model.name)', not a frozen_probe; name a frozen_probe stage"
    }

    func validate(spec: ExperimentSpec, registry: ComponentRegistry) throws {}

    func parameterShapes(spec: ExperimentSpec, registry: ComponentRegistry) throws -> [String: [Int]] {
        var generator = RandomGenerator(seed: 0)
        return FrozenProbe(generator: &generator).stateDict().mapValues(\.shape)
    }

    func trainingModel(spec: ExperimentSpec, registry: ComponentRegistry, key: String, seed: UInt64, streams: String?,
                       frozen: FrozenStages) throws -> (state: any TrainableState, objective: TrainingObjective) {
        var generator = RandomGenerator(seed: seed, stream: "init/\(streams ?? key)")
        let state = FrozenProbeState(key: key, learningRate: spec.train.optimizer.learningRate, generator: &generator)
        var target = Tensor.zeros([4, 1]) + (offset ?? 1)
        if let teacher {
            let frozenProbe = FrozenProbe(generator: &generator)
            try frozen.load(teacher, option: "teacher", into: frozenProbe)
            target = frozenProbe.layer.weight.detached() + (offset ?? 1)
        }
        return (state, { _ in
            let loss = (state.probe.layer.weight - target).squared().mean()
            return (loss, [("loss_probe", loss.item)])
        })
    }
}

private final class FrozenProbe: Module {
    let layer: Linear
    init(generator: inout RandomGenerator) {
        layer = Linear(1, 4, bias: false, generator: &generator)
    }
}

private final class FrozenProbeState: TrainableState {
    let key: String
    let probe: FrozenProbe
    let optimizer: AdamW
    let average: ExponentialMovingAverage? = nil
    var step = 0
    var completed = false

    init(key: String, learningRate: Double, generator: inout RandomGenerator) {
        self.key = key
        probe = FrozenProbe(generator: &generator)
        optimizer = AdamW(module: probe, learningRate: learningRate, weightDecay: 0)
    }

    var module: Module { probe }
    var generatorsJSON: String { "{}" }
    func restoreGenerators(from json: String, file: URL) throws {}
}
