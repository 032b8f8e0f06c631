import FlowHDF5
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// The mode-collapse experiment end to end at tiny settings: the fixed output layout, and every metric
/// recomputed from `samples.h5` by code written independently of the library's.
final class ModeCollapseExperimentTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let smokeSpec = repositoryRoot.appendingPathComponent("Experiments/smoke.yaml").path

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("flowlab-modecollapse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Runs the smoke spec in-process into a fresh run folder.
    func runSmoke(_ overrides: [String] = []) throws -> RunDirectory {
        try Self.runSmoke(overrides, resultsRoot: try temporaryDirectory())
    }

    /// Runs the smoke spec in-process into a fresh run folder under `resultsRoot`.
    static func runSmoke(_ overrides: [String], resultsRoot: URL) throws -> RunDirectory {
        let spec = try ExperimentSpec.load(file: smokeSpec, overrides: overrides)
        let run = try RunDirectory.create(resultsRoot: resultsRoot, experiment: spec.experiment, resolvedYAML: spec.resolvedYAML)
        try run.writeResolvedSpec(spec.resolvedYAML)
        let progress = ProgressReporter(mode: .quiet)
        XCTAssertTrue(try ExperimentRunner(spec: spec, run: run, log: try run.openLog(), progress: progress, stop: nil).run())
        return run
    }

    func testOutputsHaveTheFixedLayoutAndMetricsMatchAnIndependentRecomputation() throws {
        let run = try runSmoke(["eval.samples=300"])
        for name in ["resolved.yaml", "log.txt", "metrics.h5", "checkpoint.h5", "samples.h5", "report.md", "smoke.png", "training.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: run.file(name).path), "missing \(name)")
        }
        let samples = try HDF5File.open(run.samplesURL)
        let metrics = try HDF5File.open(run.metricsURL)
        defer { try? samples.close(); try? metrics.close() }

        // Root attributes and the held-out data.
        let lower = try samples.attribute("grid_bounds").doublesValue![0], upper = try samples.attribute("grid_bounds").doublesValue![1]
        let cells = try samples.attribute("cells_per_side").intValue!
        let radius = try samples.attribute("radius").doubleValue!
        XCTAssertEqual(try samples.attribute("variance").doubleValue, 0.5)
        XCTAssertEqual(cells, 10)
        let data = try samples.read("/data/points", as: Float.self)
        XCTAssertEqual(data.shape, [300, 2])
        let dataLabels = try samples.read("/data/labels", as: Int32.self)
        XCTAssertEqual(dataLabels.shape, [300])
        XCTAssertEqual(try samples.datasetInfo("/data/labels").dataType, .int32)

        func label(_ x: Float, _ y: Float) -> Int {
            func index(_ v: Float) -> Int { min(max(Int(((Double(v) - lower) / (upper - lower) * Double(cells)).rounded(.down)), 0), cells - 1) }
            return index(x) + index(y)
        }
        XCTAssertEqual((0..<300).map { label(data.values[2 * $0], data.values[2 * $0 + 1]) }, dataLabels.values.map(Int.init))
        let labelCount = 2 * cells - 1
        func histogram(_ labels: [Int]) -> [Double] {
            var counts = [Double](repeating: 0, count: labelCount)
            for l in labels { counts[l] += 1 }
            return counts.map { $0 / Double(labels.count) }
        }
        let dataHistogram = histogram(dataLabels.values.map(Int.init))
        // Rare labels, written out directly: ascending frequency, ties by label, until 20% of the data.
        var rare: [Int] = [], rareMass = 0.0
        for l in (0..<labelCount).sorted(by: { (dataHistogram[$0], $0) < (dataHistogram[$1], $1) }) where rareMass < 0.2 {
            rare.append(l); rareMass += dataHistogram[l]
        }

        let configurations = ["cfg_w3.0", "cfg_w1.5", "crossflows", "crossflows_cfg", "frozen_prompt"]
        XCTAssertEqual(try samples.children(of: "/").sorted(), (configurations + ["data"]).sorted())
        for configuration in configurations {
            let points = try samples.read("/\(configuration)/points", as: Float.self)
            XCTAssertEqual(points.shape, [300, 2], configuration)
            let condition = try samples.read("/\(configuration)/condition", as: Int32.self).values.map(Int.init)
            XCTAssertEqual(condition.count, 300)
            let generated = (0..<300).map { label(points.values[2 * $0], points.values[2 * $0 + 1]) }
            func stored(_ metric: String) throws -> Double {
                // One value per seed, an array also for a single seed: the same layout whatever the seeds.
                let (values, shape) = try metrics.read("/eval/\(configuration)/\(metric)", as: Double.self)
                XCTAssertEqual(shape, [1], "\(configuration)/\(metric)")
                return values[0]
            }

            let agreement = Double(zip(generated, condition).filter { $0 == $1 }.count) / 300
            XCTAssertEqual(try stored("label_agreement"), agreement, accuracy: 1e-12, configuration)
            let generatedHistogram = histogram(generated)
            let tv = 0.5 * zip(generatedHistogram, dataHistogram).map { abs($0 - $1) }.reduce(0, +)
            XCTAssertEqual(try stored("label_tv"), tv, accuracy: 1e-12, configuration)
            let ratio = rare.map { generatedHistogram[$0] }.reduce(0, +) / rare.map { dataHistogram[$0] }.reduce(0, +)
            XCTAssertEqual(try stored("rare_label_mass_ratio"), ratio, accuracy: 1e-12, configuration)

            var shares = [Double](repeating: 0, count: 6)
            for i in 0..<300 {
                let (x, y) = (Double(points.values[2 * i]), Double(points.values[2 * i + 1]))
                let distances = (0..<6).map { k -> Double in
                    let angle = 2 * Double.pi * Double(k) / 6
                    return pow(x - radius * cos(angle), 2) + pow(y - radius * sin(angle), 2)
                }
                shares[distances.firstIndex(of: distances.min()!)!] += 1 / 300
            }
            XCTAssertEqual(try stored("mode_tv"), 0.5 * shares.map { abs($0 - 1.0 / 6) }.reduce(0, +), accuracy: 1e-12, configuration)

            var generator = RandomGenerator(seed: 0, stream: "sliced-wasserstein")
            var total = 0.0
            for _ in 0..<128 {
                let direction = generator.normal(2)
                let norm = (direction[0] * direction[0] + direction[1] * direction[1]).squareRoot()
                func project(_ values: [Float]) -> [Double] {
                    (0..<300).map { (Double(values[2 * $0]) * direction[0] + Double(values[2 * $0 + 1]) * direction[1]) / norm }.sorted()
                }
                total += zip(project(points.values), project(data.values)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 300
            }
            XCTAssertEqual(try stored("sliced_wasserstein"), (total / 128).squareRoot(), accuracy: 1e-9, configuration)

            if configuration.hasPrefix("cfg") {
                XCTAssertFalse(try samples.exists("/\(configuration)/labels"))
                XCTAssertFalse(try metrics.exists("/eval/\(configuration)/prompt_change_rate"))
            } else {
                let final = try samples.read("/\(configuration)/labels", as: Int32.self).values.map(Int.init)
                XCTAssertEqual(final.count, 300)
                let changed = Double(zip(final, condition).filter { $0 != $1 }.count) / 300
                XCTAssertEqual(try stored("prompt_change_rate"), changed, accuracy: 1e-12, configuration)
                XCTAssertEqual(try stored("label_agreement_final"),
                               Double(zip(generated, final).filter { $0 == $1 }.count) / 300, accuracy: 1e-12)
                if configuration == "frozen_prompt" { XCTAssertEqual(changed, 0, "a frozen prompt never changes") }
            }
            XCTAssertNotNil(try metrics.attribute("description", at: "/eval/\(configuration)/label_tv").stringValue)
            XCTAssertEqual(try metrics.attribute("higher_is_better", at: "/eval/\(configuration)/label_tv"), .bool(false))
            XCTAssertEqual(try metrics.attribute("higher_is_better", at: "/eval/\(configuration)/label_agreement"), .bool(true))
            XCTAssertFalse(try metrics.attributeNames(at: "/eval/\(configuration)/rare_label_mass_ratio").contains("higher_is_better"),
                           "a metric whose ideal is a target value has no higher_is_better")
        }
        XCTAssertEqual(try metrics.attribute("configurations", at: "/eval").stringsValue,
                       ["data_reference"] + configurations, "the order the configurations were sampled in")
        XCTAssertEqual(try metrics.attribute("metrics", at: "/eval").stringsValue?.prefix(2), ["label_agreement", "label_tv"])
        for series in ["step", "loss", "learning_rate", "gradient_norm"] {
            let attributes = try metrics.attributes(at: "/train/cfg/\(series)")
            XCTAssertNotNil(attributes["description"]?.stringValue, series)
            XCTAssertNotNil(attributes["unit"]?.stringValue, series)
        }
        XCTAssertEqual(try metrics.attribute("x", at: "/train/cfg/loss"), .string("step"))
        // Training curves are step series; the report states the claims with numbers.
        XCTAssertEqual(try metrics.readSeries("/train/cfg/step", as: Int64.self), [10, 20, 30, 40])
        XCTAssertEqual(try metrics.readSeries("/train/crossflows/loss", as: Double.self).count, 4)
        let report = try String(contentsOf: run.reportURL, encoding: .utf8)
        XCTAssertTrue(report.contains("## Does the paper's claim reproduce?"))
        XCTAssertTrue(report.contains("![samples and counts per cell](smoke.png)"))
    }

    func testVariantsWithTheSameTrainingShareOneModel() throws {
        let spec = try ExperimentSpec.load(file: Self.smokeSpec)
        let run = try RunDirectory.create(resultsRoot: try temporaryDirectory(), experiment: spec.experiment, resolvedYAML: spec.resolvedYAML)
        let runner = ExperimentRunner(spec: spec, run: run, log: try run.openLog(), progress: ProgressReporter(mode: .quiet), stop: nil)
        let plan = try runner.plan()
        XCTAssertEqual(plan.map(\.name), ["cfg", "crossflows", "crossflows_cfg", "frozen_prompt"])
        XCTAssertEqual(plan.map(\.modelKey), ["cfg", "crossflows", "crossflows", "crossflows"])
    }

    func testUniformConditioningDrawsPromptsUniformly() throws {
        let spec = try ExperimentSpec.load(file: Self.smokeSpec, overrides: ["data.conditioning=uniform"])
        let dataset = try FlowSetup(spec: try spec.variant(named: "cfg")).dataset
        var generator = RandomGenerator(seed: 1)
        let prompts = dataset.prompts(19_000, generator: &generator)
        let corner = Double(prompts.filter { $0 == 0 }.count) / 19_000
        XCTAssertEqual(corner, 1.0 / 19, accuracy: 0.01, "label 0 is as likely as any other under uniform prompts")
    }

    func testSpecErrorsNameTheKey() throws {
        XCTAssertThrowsError(try FlowSetup(spec: try ExperimentSpec.load(file: Self.smokeSpec, overrides: ["sample.guidance.name=cfg"]))) {
            XCTAssertTrue("\($0)".contains("sample.guidance"), "\($0)")
        }
        XCTAssertThrowsError(try FlowSetup(spec: try ExperimentSpec.load(file: Self.smokeSpec, overrides: ["train.schedule.warmup_steps=400"]))) {
            XCTAssertTrue("\($0)".contains("warmup_steps"), "\($0)")
        }
        XCTAssertThrowsError(try FlowSetup(spec: try ExperimentSpec.load(file: Self.smokeSpec, overrides: ["+model.widht=3"]))) { error in
            XCTAssertTrue("\(error)".contains("model.widht"), "\(error)")
            XCTAssertTrue("\(error)".contains("smoke.yaml") || "\(error)".contains("override"), "\(error)")
        }
    }
}

final class FlowSetupValidationTests: XCTestCase {
    func testUnusedSectionsAreErrorsNotSilentlyIgnored() throws {
        let spec = ModeCollapseExperimentTests.smokeSpec
        XCTAssertThrowsError(try FlowSetup(spec: try ExperimentSpec.load(file: spec, overrides: ["alignment=[{name: repa}]"]))) {
            XCTAssertTrue("\($0)".contains("alignment"), "\($0)")
        }
        XCTAssertThrowsError(try FlowSetup(spec: try ExperimentSpec.load(file: spec, overrides: ["+modalities.point.time_sampler=uniform"]))) {
            XCTAssertTrue("\($0)".contains("modalities.point.time_sampler"), "\($0)")
        }
    }
}
