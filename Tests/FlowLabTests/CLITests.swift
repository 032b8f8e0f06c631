import FlowHDF5
import FlowMetrics
import Foundation
import XCTest
@testable import FlowLab

/// End-to-end tests of the built `flowlab` executable: inspect, report, sweep --dry-run, eval captions/features, and their errors.
final class CLITests: XCTestCase {
    /// The package root (the tests run `flowlab` there, so `Experiments/...` paths resolve).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

    // MARK: inspect

    func testInspectPrintsTheTree() throws {
        let folder = try makeRunTestFolder(self)
        let url = folder.appendingPathComponent("small.h5")
        try HDF5File.writeAtomically(to: url) { file in
            try file.write([1.0, 2, 3, 4, 5, 6], shape: [2, 3], to: "/params/w")
            try file.setAttribute("step", .int(12))
        }
        let result = try runFlowlab(["inspect", url.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "small.h5\n  @step = 12\n  params/\n    w  float64 [2, 3]\n")
    }

    func testInspectErrorsAreOneLine() throws {
        let folder = try makeRunTestFolder(self)
        let missing = folder.appendingPathComponent("missing.h5").path
        try assertOneLineError(["inspect", missing], "Error: \(missing): no such file")
        let text = folder.appendingPathComponent("text.h5")
        try AtomicFile.write("plain text\n", to: text)
        try assertOneLineError(["inspect", text.path], "Error: \(text.path): not an HDF5 file")
    }

    // MARK: report

    func testReportOfASyntheticRunAsCSVFileAndMarkdown() throws {
        let folder = try makeRunTestFolder(self)
        let run = folder.appendingPathComponent("toy/20250101-120000-abcdef")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try AtomicFile.write("experiment: toy\nseeds: [0, 1]\n", to: run.appendingPathComponent("resolved.yaml"))
        try HDF5File.writeAtomically(to: run.appendingPathComponent("metrics.h5")) { file in
            try file.write([0.1, 0.3], to: "/eval/cfg/mode_tv")
            try file.write(0.5, to: "/eval/cfg/label_tv")
        }
        let output = folder.appendingPathComponent("table.csv")
        let csv = try runFlowlab(["report", folder.path, "--format", "csv", "--output", output.path])
        XCTAssertEqual(csv.status, 0, csv.standardError)
        XCTAssertEqual(csv.standardOutput, "")
        XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), """
        run,variant,seeds,label_tv,label_tv_std,mode_tv,mode_tv_std
        toy/20250101-120000-abcdef,cfg,2,0.5,,0.2,\(0.02.squareRoot())

        """)

        let markdown = try runFlowlab(["report", run.path])
        XCTAssertEqual(markdown.status, 0, markdown.standardError)
        XCTAssertTrue(markdown.standardOutput.contains("| toy/20250101-120000-abcdef | cfg     |     2 |      0.5 | 0.2 ± 0.1414 |"),
                      markdown.standardOutput)

        try assertOneLineError(["report", folder.appendingPathComponent("nothing").path],
                               "Error: \(folder.appendingPathComponent("nothing").path): no such file or folder")
    }

    // MARK: sweep

    func testSweepDryRunOfTheSmokeSpec() throws {
        let result = try runFlowlab(["sweep", "Experiments/smoke.yaml", "--dry-run", "-m", "train.steps=10,20"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, """
        2 jobs from Experiments/smoke.yaml (train.steps: 2)
          [0] train.steps=10
          [1] train.steps=20
        all 2 jobs resolve and validate

        """)
    }

    func testSweepBlockValuesBecomeFlowText() throws {
        let folder = try makeRunTestFolder(self)
        let spec = folder.appendingPathComponent("swept.yaml")
        try AtomicFile.write("""
        extends: \(Self.packageRoot.appendingPathComponent("Experiments/smoke.yaml").path)
        sweep:
          seeds: [[0], [1, 2]]
          sample.guidance: [{name: cross}, {name: frozen_prompt}]
          description: ["a: b", "yes"]
          train.steps: [10, 20]

        """, to: spec)
        // A command-line value replaces the block's train.steps axis and keeps its place in the order of axes.
        let result = try runFlowlab(["sweep", spec.path, "--dry-run", "-m", "train.steps=6"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 10, result.standardOutput)
        guard lines.count == 10 else { return }
        XCTAssertEqual(lines.first, "8 jobs from \(spec.path) (seeds: 2 x sample.guidance: 2 x description: 2 x train.steps: 1)")
        XCTAssertEqual(lines[1], "  [0] seeds=[0] sample.guidance={name: cross} description=\"a: b\" train.steps=6")
        XCTAssertEqual(lines[8], "  [7] seeds=[1, 2] sample.guidance={name: frozen_prompt} description=\"yes\" train.steps=6")
        XCTAssertEqual(lines[9], "all 8 jobs resolve and validate")
    }

    func testReadmeSweepExampleResolvesAndValidates() throws {
        // The README's example: -m is Hydra's mode, and every key=a,b override is an axis.
        let result = try runFlowlab(["sweep", "Experiments/smoke.yaml", "-m", "train.steps=100,200", "seeds=[0],[1]", "--jobs", "2", "--dry-run"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, """
        4 jobs from Experiments/smoke.yaml (train.steps: 2 x seeds: 2)
          [0] train.steps=100 seeds=[0]
          [1] train.steps=100 seeds=[1]
          [2] train.steps=200 seeds=[0]
          [3] train.steps=200 seeds=[1]
        all 4 jobs resolve and validate

        """)
        let grammar = try runFlowlab(["sweep", "Experiments/smoke.yaml", "model.depth=range(1,3)", "sample.steps=choice(4,8)", "train.steps=10", "--dry-run"])
        XCTAssertEqual(grammar.status, 0, grammar.standardError)
        XCTAssertTrue(grammar.standardOutput.hasPrefix("4 jobs from Experiments/smoke.yaml (model.depth: 2 x sample.steps: 2)\n  [0] train.steps=10 model.depth=1 sample.steps=4\n"),
                      grammar.standardOutput)
    }

    func testASweepWithAJobThatCannotRunFailsOnTheTerminalAndCreatesNothing() throws {
        let folder = try makeRunTestFolder(self)
        let results = folder.appendingPathComponent("results")
        for dryRun in [true, false] {
            let result = try runFlowlab(["sweep", "Experiments/smoke.yaml", "train.steps=0,20", "--results", results.path] + (dryRun ? ["--dry-run"] : []))
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.standardError.contains("1 of 2 jobs cannot run; nothing was created"), result.standardError)
            XCTAssertTrue(result.standardError.contains("job 0 (train.steps=0)") && result.standardError.contains("train.steps"), result.standardError)
            XCTAssertFalse(FileManager.default.fileExists(atPath: results.path), "a sweep that fails validation leaves no folder")
        }
    }

    func testLocalSweepRunsDividesThreadsShowsFailuresAndResumes() throws {
        let folder = try makeRunTestFolder(self)
        let results = folder.appendingPathComponent("results")
        let tiny = ["train.steps=4", "train.checkpoint_every=2", "train.log_every=2", "train.schedule.warmup_steps=1", "eval.samples=40", "sample.steps=2"]
        let result = try runFlowlab(["sweep", "Experiments/smoke.yaml", "-m", "model.depth=1,2", "--jobs", "2", "--results", results.path] + tiny,
                                    outputToPipe: true)
        XCTAssertEqual(result.status, 0, result.standardOutput + result.standardError)
        XCTAssertTrue(result.firstLineArrivedBeforeExit, "sweep output is line-buffered when redirected")
        let sweep = try XCTUnwrap(try FileManager.default.contentsOfDirectory(at: results.appendingPathComponent("smoke"), includingPropertiesForKeys: nil).first)
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
        XCTAssertTrue(result.standardOutput.contains("(2 jobs, 2 at once, \(threads) thread\(threads == 1 ? "" : "s") each)"), result.standardOutput)
        for job in 0..<2 {
            let provenance = try RunDirectory(url: sweep.appendingPathComponent("\(job)")).readProvenance()
            XCTAssertEqual(provenance.status, .completed)
            XCTAssertEqual(provenance.threads, threads, "--jobs 2 divides the cores among the jobs")
        }
        // The report shows the swept key as a column.
        let report = try runFlowlab(["report", sweep.path])
        XCTAssertEqual(report.status, 0, report.standardError)
        XCTAssertTrue(report.standardOutput.hasPrefix("| model.depth | variant "), report.standardOutput)

        // Job 1 did not complete (interrupted) and its checkpoint is damaged: --resume runs only it, and its error reaches the terminal.
        let job1 = RunDirectory(url: sweep.appendingPathComponent("1"))
        var provenance = try job1.readProvenance()
        provenance.status = .interrupted
        try job1.writeProvenance(provenance)
        try AtomicFile.write("not HDF5", to: job1.checkpointURL)
        let failed = try runFlowlab(["sweep", "--resume", sweep.path])
        XCTAssertNotEqual(failed.status, 0)
        XCTAssertTrue(failed.standardOutput.contains("1 of 2 jobs did not complete (1)"), failed.standardOutput)
        XCTAssertTrue(failed.standardOutput.contains("job 1 failed") && failed.standardOutput.contains("    Error: "), failed.standardOutput)
        XCTAssertTrue(failed.standardOutput.contains("checkpoint.h5"), "the job's own error is shown: \(failed.standardOutput)")
        XCTAssertTrue(failed.standardOutput.contains("flowlab sweep --resume"), failed.standardOutput)
        // With the damaged checkpoint removed, the resume completes the job; a second resume has nothing to do.
        try FileManager.default.removeItem(at: job1.checkpointURL)
        let resumed = try runFlowlab(["sweep", "--resume", sweep.path])
        XCTAssertEqual(resumed.status, 0, resumed.standardOutput + resumed.standardError)
        XCTAssertEqual(try job1.readProvenance().status, .completed)
        let nothing = try runFlowlab(["sweep", "--resume", sweep.path])
        XCTAssertTrue(nothing.standardOutput.contains("all 2 jobs") && nothing.standardOutput.contains("nothing to resume"), nothing.standardOutput)
    }

    func testReportAndPerImageScoresRefuseToOverwriteTheirInputs() throws {
        let folder = try makeRunTestFolder(self)
        let run = folder.appendingPathComponent("toy/r1")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try AtomicFile.write("experiment: toy\nseeds: [0]\n", to: run.appendingPathComponent("resolved.yaml"))
        let metrics = run.appendingPathComponent("metrics.h5")
        try HDF5File.writeAtomically(to: metrics) { try $0.write([0.5], to: "/eval/cfg/label_tv") }
        let before = try Data(contentsOf: metrics)
        for target in [metrics, run.appendingPathComponent("resolved.yaml")] {
            let result = try runFlowlab(["report", run.path, "--output", target.path])
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.standardError.contains("refusing to overwrite"), result.standardError)
        }
        let viaFile = try runFlowlab(["report", metrics.path, "--output", metrics.path])
        XCTAssertTrue(viaFile.standardError.contains("refusing to overwrite"), viaFile.standardError)
        XCTAssertEqual(try Data(contentsOf: metrics), before, "the run's metrics are untouched")

        let captions = Self.fixtures.appendingPathComponent("captions")
        let candidates = folder.appendingPathComponent("cand.json")
        try FileManager.default.copyItem(at: captions.appendingPathComponent("candidates.json"), to: candidates)
        let original = try Data(contentsOf: candidates)
        let scores = try runFlowlab(["eval", "captions", "--candidates", candidates.path, "--references",
                                     captions.appendingPathComponent("references.json").path, "--per-image", candidates.path, "--no-meteor"])
        XCTAssertNotEqual(scores.status, 0)
        XCTAssertTrue(scores.standardError.contains("--per-image") && scores.standardError.contains("refusing to overwrite"), scores.standardError)
        XCTAssertEqual(try Data(contentsOf: candidates), original)
    }

    func testVersionAndInspectValues() throws {
        let version = try runFlowlab(["--version"])
        XCTAssertEqual(version.status, 0, version.standardError)
        XCTAssertTrue(version.standardOutput.hasPrefix("flowlab "), version.standardOutput)

        let folder = try makeRunTestFolder(self)
        let url = folder.appendingPathComponent("metrics.h5")
        try HDF5File.writeAtomically(to: url) { file in
            try file.write([0.25, 0.5], to: "/eval/cfg/label_tv")
            try file.write([Int32(1), 2, 3, 4, 5, 6], shape: [2, 3], to: "/samples/labels")
            try file.writeStrings(["a cat", "a dog"], to: "/captions")
        }
        let one = try runFlowlab(["inspect", url.path, "/eval/cfg/label_tv"])
        XCTAssertEqual(one.status, 0, one.standardError)
        XCTAssertEqual(one.standardOutput, "/eval/cfg/label_tv  float64 [2]\n[0.25, 0.5]\n")
        let matrix = try runFlowlab(["inspect", url.path, "/samples/labels"])
        XCTAssertEqual(matrix.standardOutput, "/samples/labels  int32 [2, 3]\n[[1, 2, 3],\n [4, 5, 6]]\n")
        let strings = try runFlowlab(["inspect", url.path, "/captions"])
        XCTAssertTrue(strings.standardOutput.hasSuffix("[\"a cat\", \"a dog\"]\n"), strings.standardOutput)
        let all = try runFlowlab(["inspect", "--values", url.path])
        XCTAssertTrue(all.standardOutput.hasPrefix("metrics.h5\n"), all.standardOutput)
        XCTAssertTrue(all.standardOutput.contains("\n/eval/cfg/label_tv  float64 [2]\n[0.25, 0.5]\n"), all.standardOutput)
        let long = folder.appendingPathComponent("long.h5")
        try HDF5File.writeAtomically(to: long) { try $0.write((0..<2000).map(Int64.init), to: "/step") }
        XCTAssertEqual(try runFlowlab(["inspect", long.path, "/step"]).standardOutput, "/step  int64 [2000]\n[0, 1, 2, ..., 1997, 1998, 1999]\n")
        try assertOneLineError(["inspect", url.path, "/eval/nope"], "Error: \(url.path): no object '/eval/nope'")
    }

    func testSlurmValuesWithControlCharactersAreRefusedAndNothingIsWritten() throws {
        let folder = try makeRunTestFolder(self)
        let results = folder.appendingPathComponent("results")
        let result = try runFlowlab(["sweep", "Experiments/smoke.yaml", "train.steps=10,20", "--launcher", "slurm",
                                     "--partition", "gpu\ntouch \(folder.path)/x", "--results", results.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("--partition \"gpu\\ntouch") && result.standardError.contains("control character"),
                      result.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: results.path), "no sweep folder and no launch.sbatch")
    }

    func testSweepOfAMissingSpecIsAnError() throws {
        let result = try runFlowlab(["sweep", "Experiments/no-such-spec.yaml", "--dry-run"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.hasPrefix("Error: ") && result.standardError.contains("no-such-spec.yaml"), result.standardError)
    }

    // MARK: run

    func testRunRejectsAJumpScheduleWithAUniformSourceBeforeCreatingAFolder() throws {
        let results = try makeRunTestFolder(self)
        let result = try runFlowlab(["run", "Experiments/smoke.yaml", "sample.solver={name: euler, discrete: jump_schedule}",
                                     "--results", results.path, "--quiet"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("sample.solver.discrete: the jump schedule is exact only for the mask source"),
                      result.standardError)
        XCTAssertEqual(try runTestListing(results), [], "no run folder is created for a rejected spec")
    }

    func testRunAndSweepReportEveryOutOfRangeValueTogether() throws {
        let errors = """
          override 'train.steps=-3': train.steps: -3 is out of range; must be > 0
          override 'train.batch_size=-2': train.batch_size: -2 is out of range; must be in [1, \(SizeLimits.batchSize)]
        """
        let run = try runFlowlab(["run", "Experiments/smoke.yaml", "--print-config", "train.steps=-3", "train.batch_size=-2"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertEqual(run.standardOutput, "", "--print-config prints nothing for a spec with errors")
        XCTAssertEqual(run.standardError, "Error: 2 errors in the spec:\n\(errors)\n")
        let sweep = try runFlowlab(["sweep", "Experiments/smoke.yaml", "--dry-run", "train.steps=-3", "train.batch_size=-2,0"])
        XCTAssertNotEqual(sweep.status, 0)
        let indented = errors.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        XCTAssertTrue(sweep.standardError.contains("job 0 (train.steps=-3 train.batch_size=-2): 2 errors in the spec:\n\(indented)"),
                      sweep.standardError)
    }

    // MARK: eval captions

    func testEvalCaptionsMatchesThePycocoevalcapFixture() throws {
        let folder = try makeRunTestFolder(self)
        let captions = Self.fixtures.appendingPathComponent("captions")
        let perImage = folder.appendingPathComponent("per_image.json")
        let result = try runFlowlab(["eval", "captions", "--candidates", captions.appendingPathComponent("candidates.json").path,
                                     "--references", captions.appendingPathComponent("references.json").path,
                                     "--per-image", perImage.path, "--no-meteor", "--no-similarity"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let scores = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Double])
        let fixture = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: captions.appendingPathComponent("scores.json"))) as? [String: Any])
        let corpus = try XCTUnwrap(fixture["corpus"] as? [String: Double])
        XCTAssertEqual(Set(scores.keys), ["Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "ROUGE_L", "CIDEr"])
        for name in ["CIDEr", "Bleu_4", "ROUGE_L"] {
            XCTAssertEqual(scores[name]!, corpus[name]!, accuracy: 1e-9, name)
        }
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: perImage)) as? [[String: Any]])
        XCTAssertEqual(rows.count, (fixture["per_image"] as? [Any])?.count)
    }

    func testEvalCaptionsReportsAnUnavailableMETEORAndMissingFiles() throws {
        let captions = Self.fixtures.appendingPathComponent("captions")
        let candidates = captions.appendingPathComponent("candidates.json").path
        let references = captions.appendingPathComponent("references.json").path
        let result = try runFlowlab(["eval", "captions", "--candidates", candidates, "--references", references,
                                     "--meteor-jar", "/nonexistent/meteor-1.5.jar", "--no-similarity"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.hasPrefix("METEOR unavailable: "), result.standardError)
        XCTAssertFalse(result.standardOutput.contains("METEOR"))
        try assertOneLineError(["eval", "captions", "--candidates", "/nonexistent/results.json", "--references", references, "--no-meteor"],
                               "Error: candidates file not found: /nonexistent/results.json")
    }

    func testEvalCaptionsScoresShapesCaptionsAgainstTheTrueScenesOfTheirImages() throws {
        let folder = try makeRunTestFolder(self)
        let data = folder.appendingPathComponent("test.h5").path
        let render = try runFlowlab(["data", "render", "shapes", "--count", "12", "--size", "16", "--split", "test",
                                     "--objects", "1,2", "--quiet", "--out", data])
        XCTAssertEqual(render.status, 0, render.standardError)
        let captions = try ShapesEvaluationInput.captions("\(data):/captions")
        /// A COCO results file of `captions[i]` for image id `ids[i]`.
        func results(_ name: String, _ ids: [Int], _ captions: [String]) throws -> String {
            let url = folder.appendingPathComponent(name)
            let rows = zip(ids, captions).map { ["image_id": $0, "caption": $1] as [String: Any] }
            try JSONSerialization.data(withJSONObject: rows).write(to: url)
            return url.path
        }
        let own = try results("own.json", Array(captions.indices), captions)
        let scenes = try runFlowlab(["eval", "captions", "--candidates", own, "--scenes", data])
        XCTAssertEqual(scenes.status, 0, scenes.standardError)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(scenes.standardOutput.utf8)) as? [String: Double])
        XCTAssertEqual(Set(object.keys), Set(["i2t_grammatical_rate", "i2t_shape_accuracy", "i2t_color_accuracy", "i2t_size_accuracy",
                                              "i2t_position_accuracy", "i2t_object_accuracy", "i2t_exact_scene_accuracy", "i2t_scenes"]))
        XCTAssertEqual(object["i2t_grammatical_rate"], 1)
        XCTAssertEqual(object["i2t_exact_scene_accuracy"], 1)
        XCTAssertEqual(object["i2t_scenes"], 12)
        // Image 3 captioned as image 4 and a caption that is not a shapes caption, on two of the rows only.
        let wrong = try results("wrong.json", [3, 7], [captions[4], "a dog on a sofa"])
        let wrongObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try runFlowlab(["eval", "captions", "--candidates", wrong,
                                                                                                 "--scenes", data]).standardOutput.utf8))
                                        as? [String: Double])
        XCTAssertEqual(wrongObject["i2t_grammatical_rate"], 0.5)
        XCTAssertEqual(wrongObject["i2t_exact_scene_accuracy"], 0)
        XCTAssertEqual(wrongObject["i2t_scenes"], 2)

        // With references too: one object, caption metrics first.
        let references = folder.appendingPathComponent("references.json")
        try JSONSerialization.data(withJSONObject: ["annotations": captions.enumerated().map { ["image_id": $0, "caption": $1] }])
            .write(to: references)
        let both = try runFlowlab(["eval", "captions", "--candidates", own, "--references", references.path, "--scenes", data,
                                   "--no-meteor", "--no-similarity"])
        XCTAssertEqual(both.status, 0, both.standardError)
        XCTAssertTrue(both.standardOutput.hasPrefix("{\"Bleu_1\": "), both.standardOutput)
        let bothObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(both.standardOutput.utf8)) as? [String: Double])
        XCTAssertEqual(bothObject["i2t_exact_scene_accuracy"], 1)
        XCTAssertEqual(try XCTUnwrap(bothObject["Bleu_4"]), 1, accuracy: 1e-6)

        let outside = try results("outside.json", [12], [captions[0]])
        try assertOneLineError(["eval", "captions", "--candidates", outside, "--scenes", data],
                               "Error: \(outside): [0].image_id: 12 is not a row of the 12 true scenes (image ids 0..<12 name the rows of /objects)")
        let neither = try runFlowlab(["eval", "captions", "--candidates", own])
        XCTAssertTrue(neither.standardError.hasPrefix("Error: give --references (caption metrics), --scenes (shapes scene metrics) or both"),
                      neither.standardError)
        let perImage = try runFlowlab(["eval", "captions", "--candidates", own, "--scenes", data, "--per-image", folder.appendingPathComponent("p.json").path])
        XCTAssertTrue(perImage.standardError.hasPrefix("Error: --per-image writes caption metrics per image: it needs --references"),
                      perImage.standardError)
        try assertOneLineError(["eval", "captions", "--candidates", own, "--scenes", references.path],
                               "Error: \(references.path): cannot open as a captioned-image file: the file is not in HDF5 format")
    }

    // MARK: eval features

    func testEvalFeaturesOfNumpyAndHDF5FilesMatchesFeatureMetrics() throws {
        let distributions = Self.fixtures.appendingPathComponent("distributions")
        let realURL = distributions.appendingPathComponent("gaussian_small_real.npy")
        let fakeURL = distributions.appendingPathComponent("gaussian_small_fake.npy")
        let real = try NumpyArrayFile.readFeatureSet(at: realURL)
        let fake = try NumpyArrayFile.readFeatureSet(at: fakeURL)
        let expected = try FeatureMetrics().evaluate(real: real, fake: fake)

        let numpy = try runFlowlab(["eval", "features", "--real", realURL.path, "--fake", fakeURL.path])
        XCTAssertEqual(numpy.status, 0, numpy.standardError)
        try assertJSON(numpy.standardOutput, equals: expected)

        let folder = try makeRunTestFolder(self)
        let realHDF5 = folder.appendingPathComponent("real.h5"), fakeHDF5 = folder.appendingPathComponent("fake.h5")
        try HDF5File.writeAtomically(to: realHDF5) { file in
            try file.write(real.values, shape: [real.rows, real.columns], to: "/features")
            try file.write([Int32(1)], to: "/labels")
        }
        try HDF5File.writeAtomically(to: fakeHDF5) { try $0.write(fake.values, shape: [fake.rows, fake.columns], to: "/samples/features") }
        // The fake file holds one dataset, so its path may be left out.
        let hdf5 = try runFlowlab(["eval", "features", "--real", realHDF5.path + ":/features", "--fake", fakeHDF5.path])
        XCTAssertEqual(hdf5.status, 0, hdf5.standardError)
        XCTAssertEqual(hdf5.standardOutput, numpy.standardOutput)

        var withK = FeatureMetrics()
        withK.precisionRecall.neighbourCount = 4
        withK.densityCoverage.neighbourCount = 4
        let k = try runFlowlab(["eval", "features", "--real", realURL.path, "--fake", fakeURL.path, "--k", "4"])
        try assertJSON(k.standardOutput, equals: try withK.evaluate(real: real, fake: fake))
    }

    func testEvalFeaturesInputErrorsAreOneLine() throws {
        let folder = try makeRunTestFolder(self)
        let distributions = Self.fixtures.appendingPathComponent("distributions")
        let good = distributions.appendingPathComponent("gaussian_small_real.npy").path
        let narrow = distributions.appendingPathComponent("clip_texts.npy").path
        let file = folder.appendingPathComponent("features.h5")
        try HDF5File.writeAtomically(to: file) { file in
            try file.write([1.0, 2, 3], to: "/vector")
            try file.write((0..<48).map(Double.init), shape: [3, 16], to: "/three")
            try file.write([Int64(1), 2, 3, 4], shape: [2, 2], to: "/integers")
        }
        let missing = folder.appendingPathComponent("missing.h5").path
        try assertOneLineError(["eval", "features", "--real", missing + ":/features", "--fake", good],
                               "Error: real features: \(missing): no such file")
        try assertOneLineError(["eval", "features", "--real", good, "--fake", file.path + ":/absent"],
                               "Error: fake features: \(file.path): no dataset at /absent (datasets: /integers, /three, /vector)")
        try assertOneLineError(["eval", "features", "--real", good, "--fake", file.path],
                               "Error: fake features: \(file.path) holds 3 datasets (/integers, /three, /vector); name one as \(file.path):/path")
        try assertOneLineError(["eval", "features", "--real", file.path + ":/vector", "--fake", good],
                               "Error: real features: \(file.path):/vector has shape [3]; expected a 2-D dataset (samples x features)")
        try assertOneLineError(["eval", "features", "--real", file.path + ":/integers", "--fake", good],
                               "Error: real features: \(file.path):/integers holds int64 values; expected float32 or float64")
        let widths = try runFlowlab(["eval", "features", "--real", good, "--fake", narrow])
        XCTAssertNotEqual(widths.status, 0)
        XCTAssertTrue(widths.standardError.hasPrefix("Error: feature sets have different widths: real has 16"), widths.standardError)
        try assertOneLineError(["eval", "features", "--real", good, "--fake", file.path + ":/three"],
                               "Error: the fake feature set has 3 samples; precision/recall (k = 3) and density/coverage (k = 5) needs at least 6")
    }

    // MARK: Support

    /// The exit status and the two output streams of one `flowlab` run.
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
        /// With `outputToPipe`: whether the first output line was read while the process still ran.
        var firstLineArrivedBeforeExit = false
    }

    /// The built `flowlab` next to the test bundle; skips the test when it was not built.
    /// The built `flowlab` for other test classes (skips when it was not built).
    static func flowlabExecutableForTests() throws -> URL {
        let bundle = Bundle(for: CLITests.self).bundleURL
        for folder in [bundle.deletingLastPathComponent(), bundle] {
            let candidate = folder.appendingPathComponent("flowlab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw XCTSkip("the flowlab executable is not built next to \(bundle.path)")
    }

    private func flowlabExecutable() throws -> URL {
        let bundle = Bundle(for: Self.self).bundleURL
        for folder in [bundle.deletingLastPathComponent(), bundle] {
            let candidate = folder.appendingPathComponent("flowlab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw XCTSkip("the flowlab executable is not built next to \(bundle.path)")
    }

    /// Runs `flowlab arguments` with standard output on a pipe, noting whether the first line arrived while the process still ran.
    private func runFlowlab(_ arguments: [String], outputToPipe: Bool) throws -> Result {
        let pipe = Pipe()
        let process = Process()
        process.executableURL = try flowlabExecutable()
        process.arguments = arguments
        process.currentDirectoryURL = Self.packageRoot
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var output = Data()
        var firstLineBeforeExit = false
        while true {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            if !output.contains(UInt8(ascii: "\n")) && chunk.contains(UInt8(ascii: "\n")) { firstLineBeforeExit = process.isRunning }
            output.append(chunk)
        }
        process.waitUntilExit()
        var result = Result(status: process.terminationStatus, standardOutput: String(decoding: output, as: UTF8.self), standardError: "")
        result.firstLineArrivedBeforeExit = firstLineBeforeExit
        return result
    }

    /// Runs `flowlab arguments` in the package root, with its output in temporary files (no pipe can fill up).
    private func runFlowlab(_ arguments: [String]) throws -> Result {
        let folder = try makeRunTestFolder(self)
        let outputURL = folder.appendingPathComponent("stdout"), errorURL = folder.appendingPathComponent("stderr")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let output = try FileHandle(forWritingTo: outputURL), error = try FileHandle(forWritingTo: errorURL)
        defer { try? output.close(); try? error.close() }
        let process = Process()
        process.executableURL = try flowlabExecutable()
        process.arguments = arguments
        process.currentDirectoryURL = Self.packageRoot
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: try String(contentsOf: outputURL, encoding: .utf8),
                      standardError: try String(contentsOf: errorURL, encoding: .utf8))
    }

    /// Asserts that `flowlab arguments` fails with exactly `message` as one line on standard error and nothing on standard output.
    private func assertOneLineError(_ arguments: [String], _ message: String, line: UInt = #line) throws {
        let result = try runFlowlab(arguments)
        XCTAssertNotEqual(result.status, 0, "flowlab \(arguments.joined(separator: " ")) should fail", line: line)
        XCTAssertEqual(result.standardError, message + "\n", line: line)
        XCTAssertEqual(result.standardOutput, "", line: line)
    }

    /// Asserts that a printed JSON object holds `expected`'s names and values (null for non-finite).
    private func assertJSON(_ text: String, equals expected: FeatureMetricResults, line: UInt = #line) throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text, line: line)
        XCTAssertEqual(Set(object.keys), Set(expected.entries.map(\.name)), line: line)
        for entry in expected.entries {
            let value = try XCTUnwrap(object[entry.name] as? Double, entry.name, line: line)
            XCTAssertEqual(value, entry.value, accuracy: abs(entry.value) * 1e-12, entry.name, line: line)
        }
    }
}
