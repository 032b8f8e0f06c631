import Foundation
import XCTest
@testable import FlowMetrics

/// End-to-end evaluation from the COCO JSON files, METEOR through the jar, and input errors.
final class CaptionEvaluationTests: XCTestCase {
    var candidatesPath: String { CaptionFixtures.directory.appendingPathComponent("candidates.json").path }
    var referencesPath: String { CaptionFixtures.directory.appendingPathComponent("references.json").path }

    func testEndToEndMatchesPycocoevalcap() throws {
        let fixture = try CaptionFixtures.scores()
        let result = try CaptionEvaluation(candidatesFile: candidatesPath, referencesFile: referencesPath,
                                           includeMETEOR: false).run()
        XCTAssertEqual(result.corpusScores.map(\.name), ["Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "ROUGE_L", "CIDEr"])
        for (name, value) in result.corpusScores {
            XCTAssertEqual(value, try XCTUnwrap(fixture.corpus[name]), accuracy: 1e-9, name)
        }
        XCTAssertEqual(result.imageIDs, fixture.images.map { .integer($0.image_id) })
        for metric in result.metrics {
            for (value, image) in zip(metric.scores.perImage, fixture.per_image) {
                XCTAssertEqual(value, try XCTUnwrap(image[metric.name]), accuracy: 1e-9, "\(metric.name) image \(image["image_id"]!)")
            }
        }
        let decoded = try JSONSerialization.jsonObject(with: Data(result.jsonString().utf8)) as? [String: Double]
        XCTAssertEqual(decoded?["CIDEr"] ?? .nan, fixture.corpus["CIDEr"]!, accuracy: 1e-9)
        XCTAssertTrue(result.jsonString().hasPrefix("{\"Bleu_1\": "))
        let rows = try JSONSerialization.jsonObject(with: Data(result.perImageJSON().utf8)) as? [[String: Any]]
        XCTAssertEqual(rows?.count, fixture.images.count)
        XCTAssertEqual(rows?.first?["image_id"] as? Int, fixture.images.first?.image_id)
    }

    /// METEOR through the jar `make weights` fetches (`flowlab weights fetch meteor`), against pycocoevalcap's scores.
    /// Skips when Java or the jar is missing, unless `CI` is set (then `make test` fetched it, and it fails).
    func testMETEORMatchesJarAggregate() throws {
        let meteor: METEORScorer
        do { meteor = try METEORScorer() } catch let error as METEORUnavailable {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("CI is set but \(error.description); run `make weights`") }
            throw XCTSkip(error.description)
        }
        let fixture = try CaptionFixtures.scores()
        let expected = try XCTUnwrap(fixture.corpus["METEOR"], "fixture has no METEOR (generated without Java)")
        let scores = try meteor.score(candidates: fixture.images.map(\.candidate_tokenized),
                                      references: fixture.images.map(\.references_tokenized))
        XCTAssertEqual(scores.corpus, expected, accuracy: 1e-6)
        for (value, image) in zip(scores.perImage, fixture.per_image) {
            XCTAssertEqual(value, image["METEOR"] ?? .nan, accuracy: 1e-6)
        }
    }

    func testMissingJarSaysUnavailable() {
        XCTAssertThrowsError(try METEORScorer(jarPath: "/nonexistent/meteor-1.5.jar")) { error in
            XCTAssertTrue("\(error)".hasPrefix("METEOR unavailable: "), "\(error)")
        }
        XCTAssertThrowsError(try METEORScorer(environment: ["PATH": "/nonexistent"])) { error in
            XCTAssertEqual("\(error)", "METEOR unavailable: no `java` executable on PATH")
        }
    }

    // MARK: - Bad inputs

    func write(_ text: String, _ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("CaptionEvaluationTests-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func assertError(_ candidates: String, _ references: String, contains expected: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try CaptionEvaluation(candidatesFile: candidates, referencesFile: references, includeMETEOR: false).run(),
                             file: file, line: line) { error in
            XCTAssertTrue(error is CaptionEvaluationError, "\(error)", file: file, line: line)
            XCTAssertTrue("\(error)".contains(expected), "\(error)", file: file, line: line)
            XCTAssertFalse("\(error)".contains("\n"), file: file, line: line)
        }
    }

    func testBadInputsGiveOneClearError() throws {
        let goodReferences = try write(#"{"annotations": [{"image_id": 1, "caption": "a dog"}]}"#, "refs.json")
        let goodCandidates = try write(#"[{"image_id": 1, "caption": "a dog"}]"#, "cands.json")
        assertError("/nonexistent/results.json", goodReferences, contains: "candidates file not found: /nonexistent/results.json")
        assertError(goodCandidates, "/nonexistent/refs.json", contains: "references file not found")
        assertError(try write("[{", "broken.json"), goodReferences, contains: "broken.json: not valid JSON")
        assertError(try write(#"{"image_id": 1}"#, "object.json"), goodReferences, contains: "expected a JSON array")
        assertError(try write(#"[{"image_id": 1}]"#, "nocap.json"), goodReferences, contains: "[0]: missing \"caption\"")
        assertError(try write(#"[{"image_id": true, "caption": "x"}]"#, "boolid.json"), goodReferences, contains: "image_id: expected an integer or a string")
        assertError(try write(#"[{"image_id": 1, "caption": 5}]"#, "numcap.json"), goodReferences, contains: "[0].caption: expected a string")
        assertError(try write(#"[{"image_id": 1, "caption": "a"}, {"image_id": 1, "caption": "b"}]"#, "dup.json"), goodReferences,
                    contains: "image_id 1 has more than one candidate")
        assertError(try write("[]", "empty.json"), goodReferences, contains: "empty")
        assertError(goodCandidates, try write(#"[{"image_id": 1, "caption": "a"}]"#, "refsarray.json"), contains: "expected a COCO annotations object")
        assertError(goodCandidates, try write(#"{"images": []}"#, "noann.json"), contains: "missing key \"annotations\"")
        assertError(try write(#"[{"image_id": 1, "caption": "a"}, {"image_id": 7, "caption": "b"}]"#, "extra.json"), goodReferences,
                    contains: "1 image id(s) in")
    }

    func testStringImageIDsAndPerImageFile() throws {
        let references = try write(#"{"annotations": [{"image_id": "x", "caption": "A dog runs."}, {"image_id": "y", "caption": "A cat."}]}"#, "srefs.json")
        let candidates = try write(#"[{"image_id": "x", "caption": "a dog runs"}, {"image_id": "y", "caption": "a dog"}]"#, "scands.json")
        let result = try CaptionEvaluation(candidatesFile: candidates, referencesFile: references, includeMETEOR: false).run()
        XCTAssertEqual(result.imageIDs, [.string("x"), .string("y")])
        let url = URL(fileURLWithPath: try write("", "per_image.json"))
        try result.writePerImageJSON(to: url)
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]]
        XCTAssertEqual(rows?.map { $0["image_id"] as? String }, ["x", "y"])
        XCTAssertEqual(rows?.first?["ROUGE_L"] as? Double, 1.0)
    }
}
