import Foundation
import XCTest
@testable import FlowLab

/// Hostile and mistaken specs end in clear, short, located errors before anything runs: deep nesting, alias
/// bombs, secret files named by `extends`, huge sizes, duplicates, reserved names, non-finite numbers, and
/// several mistakes at once (all reported). Each case once crashed, hung, echoed a file or passed silently.
final class SpecSafetyTests: XCTestCase {
    let smoke = ModeCollapseExperimentTests.smokeSpec

    private func writeSpec(_ text: String, name: String = "spec.yaml") throws -> String {
        let url = try makeRunTestFolder(self).appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The description of the error `body` throws (SpecError or SpecErrors).
    private func errorText<T>(_ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try body()
            XCTFail("expected an error", file: file, line: line)
        } catch let error as SpecError {
            return error.description
        } catch let error as SpecErrors {
            return error.description
        } catch {
            XCTFail("expected a spec error, got \(error)", file: file, line: line)
        }
        return ""
    }

    // MARK: Crashes become errors

    func testFiveThousandNestedBracketsInAFileOrAnOverrideAreAnError() throws {
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let path = try writeSpec("experiment: x\nseeds: \(deep)\n")
        let error = expectSpecError(try SpecNode.load(file: path))
        XCTAssertEqual(error?.location.fileLineColumn?.1, 2)
        XCTAssertTrue(error?.message.contains("nest deeper than 100 levels") == true, "\(String(describing: error))")
        let overrideError = errorText { try ExperimentSpec.load(file: smoke, overrides: ["seeds=\(deep)"]) }
        XCTAssertTrue(overrideError.contains("nest deeper than 100 levels"), overrideError)
        XCTAssertLessThan(overrideError.count, 400, "the override is quoted short")
        // Block nesting counts too: 150 levels of two-space indentation.
        let block = (0..<150).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1\n"
        XCTAssertTrue(errorText { try SpecNode.load(file: try writeSpec(block, name: "block.yaml")) }.contains("deeper than 100"))
        // Ordinary specs are far below the limit, quotes and comments with brackets included.
        XCTAssertNil(YAMLLimits.firstTooDeepPosition(in: "a: \"[[[[\" # [[[[\nb: 'it''s [' \nc: [[1], {d: [2]}]\n"))
    }

    func testAnAliasBombIsAnErrorNotTenGigabytes() throws {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
        }
        let start = Date()
        let error = expectSpecError(try SpecNode.load(file: try writeSpec(lines.joined(separator: "\n") + "\n")))
        XCTAssertTrue(error?.message.contains("expands to more than 100000 values") == true, "\(String(describing: error))")
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    // MARK: Messages

    func testExtendsOfASecretFileQuotesAtMostAShortSanitisedSnippet() throws {
        let folder = try makeRunTestFolder(self)
        let secret = folder.appendingPathComponent("secret.txt")
        let body = "root:x:0:0:root:/root:/bin/bash\n" + String(repeating: "password=hunter2\u{1B}[31m\n", count: 80)
        try body.write(to: secret, atomically: true, encoding: .utf8)
        let environ = folder.appendingPathComponent("environ")
        try Data("HOME=/root\0SECRET_TOKEN=abcdef\0".utf8).write(to: environ)
        for target in [secret.path, environ.path, "/etc/passwd"] where FileManager.default.fileExists(atPath: target) {
            let spec = folder.appendingPathComponent("extends.yaml")
            try "extends: \(target)\n".write(to: spec, atomically: true, encoding: .utf8)
            let text = errorText { try ExperimentSpec.load(file: spec.path) }
            XCTAssertLessThan(text.count, 300 + target.count, text)
            XCTAssertFalse(text.contains("hunter2"), text)
            XCTAssertFalse(text.contains("SECRET_TOKEN"), text)
            XCTAssertFalse(text.contains("\u{1B}"), "no raw escape sequences: \(text)")
        }
    }

    func testAnIntegerOutOfRangeSaysTheRangeAndEnumsListTheirValues() throws {
        let huge = errorText { try ExperimentSpec.load(file: smoke, overrides: ["train.steps=99999999999999999999999"]) }
        XCTAssertTrue(huge.contains("out of range; integers must be in -9223372036854775808...9223372036854775807"), huge)
        XCTAssertFalse(huge.contains("got integer"), huge)
        let conditioning = errorText { try ExperimentRunner.loadValidated(file: smoke, overrides: ["data.conditioning=labels"]) }
        XCTAssertTrue(conditioning.contains("expected one of: data, uniform"), conditioning)
    }

    // MARK: Limits before any folder exists

    func testHugeSizesFailAtLoadingWithTheirLimits() throws {
        for (override, limit) in [("data.cells_per_side=100000000", "[1, 4096]"), ("model.hidden_width=10000000", "[1, 16384]"),
                                  ("eval.samples=2000000000", "[1, 10000000]"), ("sample.steps=1000000000", "[1, 100000]"),
                                  ("train.batch_size=100000000", "[1, 1048576]")] {
            let text = errorText { try ExperimentRunner.loadValidated(file: smoke, overrides: [override]) }
            XCTAssertTrue(text.contains("out of range; must be in \(limit)"), "\(override): \(text)")
        }
        let memory = errorText { try ExperimentRunner.loadValidated(file: smoke, overrides: ["model.hidden_width=16000", "eval.samples=9000000"]) }
        XCTAssertTrue(memory.contains("more than half of this machine's memory"), memory)
    }

    // MARK: Silent wrong results

    func testDuplicateSeedsScalesAndMetricsAndReservedVariantNamesAreRejected() throws {
        XCTAssertTrue(errorText { try ExperimentSpec.load(file: smoke, overrides: ["seeds=[0, 0]"]) }.contains("seed 0 is listed twice"))
        let scales = errorText {
            try ExperimentRunner.loadValidated(file: smoke, overrides: ["variants.cfg.sample.guidance.scales=[3.0, 1.5, 3]"])
        }
        XCTAssertTrue(scales.contains("scale 3.0 is listed twice"), scales)
        let metrics = errorText { try ExperimentSpec.load(file: smoke, overrides: ["eval.metrics=[label_tv, label_tv]"]) }
        XCTAssertTrue(metrics.contains("metric 'label_tv' is listed twice"), metrics)
        for name in ["data", "data_reference"] {
            let text = errorText { try ExperimentSpec.load(file: smoke, overrides: ["+variants.\(name)={}"]) }
            XCTAssertTrue(text.contains("'\(name)' is reserved"), text)
        }
    }

    func testNonFiniteNumbersAreRejected() throws {
        for override in ["variants.cfg.sample.guidance.scales=[.nan]", "variants.cfg.sample.guidance.scales=[.inf]",
                         "+sample.guidance.cfg_scale=.inf", "+sample.guidance.cfg_scale=.nan", "data.grid_lower=-.inf"] {
            let text = errorText { try ExperimentRunner.loadValidated(file: smoke, overrides: [override]) }
            XCTAssertTrue(text.contains("finite"), "\(override): \(text)")
        }
    }

    func testNumbersAreWrittenCanonically() throws {
        let spec = try ExperimentSpec.load(file: smoke, overrides: ["train.steps=017", "train.batch_size=0x40", "++train.grad_clip=1e0"])
        XCTAssertEqual(spec.train.steps, 17)
        XCTAssertTrue(spec.resolvedYAML.contains("  steps: 17\n"), spec.resolvedYAML)
        XCTAssertTrue(spec.resolvedYAML.contains("  batch_size: 64\n"), spec.resolvedYAML)
        XCTAssertTrue(spec.resolvedYAML.contains("  grad_clip: 1.0\n"), spec.resolvedYAML)
        XCTAssertEqual(try ExperimentSpec(resolved: SpecNode.parse(yaml: spec.resolvedYAML, file: "resolved.yaml")), spec)
        // The repository's own specs are already canonical: their resolved text (and run ids) do not change.
        let modeCollapse = ModeCollapseExperimentTests.repositoryRoot.appendingPathComponent("Experiments/modecollapse.yaml").path
        let resolved = try ExperimentSpec.load(file: modeCollapse).resolvedYAML
        for line in ["    lr: 2.0e-3\n", "  radius: 4.0\n", "  steps: 3000\n", "      upper: 0.999\n"] {
            XCTAssertTrue(resolved.contains(line), "\(line) in \(resolved)")
        }
        XCTAssertEqual(SpecScalar(text: "1e-5", kind: .float).canonicalText, "1.0e-05")
        XCTAssertEqual(SpecScalar(text: "1_000", kind: .integer).canonicalText, "1000")
    }

    // MARK: Late failures found early, all at once

    func testEveryErrorOfASpecIsReportedTogetherBeforeAnyFolderExists() throws {
        let text = errorText {
            try ExperimentRunner.loadValidated(file: smoke, overrides: [
                "eval.metrics=[]", "train.schedule.warmup_steps=100", "seeds=[1, 1]", "data.cells_per_side=0",
                "+sample.guidance.cfg_scale=.nan", "nonexistent.key=1",
            ])
        }
        for part in ["6 errors in the spec", "eval.metrics: expected at least one metric", "warmup_steps (100) < train.steps (40)",
                     "seed 1 is listed twice", "data.cells_per_side: 0 is out of range", "sample.guidance.cfg_scale: nan is not a finite number",
                     "key 'nonexistent.key' not in spec"] {
            XCTAssertTrue(text.contains(part), "missing '\(part)' in:\n\(text)")
        }
        let semantic = errorText {
            try ExperimentRunner.loadValidated(file: smoke, overrides: ["modalities.point.path=mixture", "modalities.label.loss=mse"])
        }
        XCTAssertTrue(semantic.contains("2 errors in the spec"), semantic)
        XCTAssertTrue(semantic.contains("modalities.point.path: a continuous modality needs the 'affine' path"), semantic)
        XCTAssertTrue(semantic.contains("modalities.label.loss: a discrete modality is trained with"), semantic)
    }
}
