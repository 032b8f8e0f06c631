import Foundation
import XCTest

/// `flowlab eval captions` with hostile inputs: a `--meteor-jar` that is not a jar once killed the process with
/// SIGPIPE and no output; `--per-image` naming an input file once overwrote it.
final class EvalCaptionsRobustnessTests: XCTestCase {
    /// Candidate and reference files of `count` long captions (more than a pipe buffer holds for METEOR).
    private func captionFiles(count: Int, in folder: URL) throws -> (candidates: URL, references: URL) {
        let caption = Array(repeating: "a dog runs on the green grass", count: 12).joined(separator: " ")
        let candidates = (0..<count).map { ["image_id": $0, "caption": caption] as [String: Any] }
        let references = ["annotations": (0..<count).map { ["image_id": $0, "caption": "a dog is running " + caption] as [String: Any] }]
        let candidatesURL = folder.appendingPathComponent("candidates.json"), referencesURL = folder.appendingPathComponent("references.json")
        try JSONSerialization.data(withJSONObject: candidates).write(to: candidatesURL)
        try JSONSerialization.data(withJSONObject: references).write(to: referencesURL)
        return (candidatesURL, referencesURL)
    }

    func testANonJarMeteorIsANoteNotASilentDeath() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/java") else { throw XCTSkip("java is not installed") }
        let flowlab = try FlowlabProcess(self)
        let (candidates, references) = try captionFiles(count: 300, in: flowlab.folder)
        let notAJar = flowlab.folder.appendingPathComponent("not-a-jar.jar")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: notAJar)
        let result = try flowlab.run(["eval", "captions", "--candidates", candidates.path, "--references", references.path,
                                      "--meteor-jar", notAJar.path])
        XCTAssertEqual(result.status, 0, "not killed by SIGPIPE: \(result.standardError)")
        XCTAssertTrue(result.standardOutput.contains("\"CIDEr\""), result.standardOutput)
        XCTAssertTrue(result.standardError.contains("METEOR unavailable"), result.standardError)
        XCTAssertFalse(result.standardError.contains("NSCocoaErrorDomain"), result.standardError)
    }

    func testPerImageScoresNeverOverwriteAnInput() throws {
        let flowlab = try FlowlabProcess(self)
        let (candidates, references) = try captionFiles(count: 2, in: flowlab.folder)
        let before = try Data(contentsOf: candidates)
        let result = try flowlab.run(["eval", "captions", "--candidates", candidates.path, "--references", references.path,
                                      "--no-meteor", "--per-image", candidates.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("refusing to overwrite"), result.standardError)
        XCTAssertEqual(try Data(contentsOf: candidates), before)
    }
}
