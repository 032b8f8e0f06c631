import Foundation
import FlowHDF5
import FlowModels
import FlowNN
import XCTest
@testable import FlowLab

/// `flowlab embed`, `flowlab weights` and caption similarity, end to end (the model parts need the fetched weights).
final class TextEmbeddingTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("TextEmbeddingTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ text: String, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    private func requireMiniLM() throws {
        if PretrainedWeights.miniLM.isPresent() { return }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail("CI is set but the minilm weights are missing; run `make weights`")
        }
        throw XCTSkip("minilm weights are not under \(PretrainedWeights.miniLM.directory().path); run `flowlab weights fetch minilm`")
    }

    func testTextsAreReadFromLinesOrAJSONListWithClearErrors() throws {
        XCTAssertEqual(try TextEmbeddingFile.readTexts(write("a red circle\r\n\nblue\n", "lines.txt")), ["a red circle", "", "blue"])
        XCTAssertEqual(try TextEmbeddingFile.readTexts(write(" [\"x\", \"y\\nz\"]", "list.json")), ["x", "y\nz"])
        XCTAssertEqual(try TextEmbeddingFile.readTexts(write("", "empty.txt")), [])
        XCTAssertThrowsError(try TextEmbeddingFile.readTexts(write("[\"x\", 3]", "mixed.json"))) {
            XCTAssertTrue("\($0)".hasSuffix("mixed.json: element [1] is not a string"), "\($0)")
        }
        XCTAssertThrowsError(try TextEmbeddingFile.readTexts(write("[\"x\", ", "broken.json"))) {
            XCTAssertTrue("\($0)".contains("not valid JSON"), "\($0)")
        }
        XCTAssertThrowsError(try TextEmbeddingFile.readTexts(write("[\"ok\", \"a\\u0000b\"]", "nul.json"))) {
            XCTAssertTrue("\($0)".hasSuffix("nul.json: text 2 (line or element) contains a NUL character, which /texts in HDF5 cannot hold"), "\($0)")
        }
        let latin1 = folder.appendingPathComponent("latin1.txt")
        try Data([0x61, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]).write(to: latin1)
        XCTAssertThrowsError(try TextEmbeddingFile.readTexts(latin1)) {
            XCTAssertTrue("\($0)".hasSuffix("latin1.txt:2: is not UTF-8 text"), "\($0)")
        }
    }

    func testCaptionSimilarityIsTheMeanCosineOverReferences() throws {
        try requireMiniLM()
        let encoder = try SentenceEncoder.miniLM()
        let similarity = ReferenceCaptionSimilarity(candidates: ["a small red circle in the top left", "a stock market report"],
                                           references: [["a small red circle in the top left", "top left: a small red circle"],
                                                        ["a small red circle in the top left"]],
                                           encoder: encoder)
        let vectors = encoder.embed(["a small red circle in the top left", "top left: a small red circle", "a stock market report"]).floats
        func cosine(_ i: Int, _ j: Int) -> Double { (0..<384).reduce(0) { $0 + Double(vectors[i * 384 + $1]) * Double(vectors[j * 384 + $1]) } }
        XCTAssertEqual(similarity.perImage[0], (1 + cosine(0, 1)) / 2, accuracy: 1e-5)
        XCTAssertEqual(similarity.perImage[1], cosine(2, 0), accuracy: 1e-5)
        XCTAssertGreaterThan(similarity.perImage[0], similarity.perImage[1] + 0.3)
        XCTAssertEqual(similarity.mean, (similarity.perImage[0] + similarity.perImage[1]) / 2, accuracy: 1e-12)
        XCTAssertEqual(similarity.standardDeviation, abs(similarity.perImage[0] - similarity.perImage[1]) / 2, accuracy: 1e-12)
        XCTAssertEqual(similarity.model, "sentence-transformers/all-MiniLM-L6-v2")
    }

    func testEmbedWritesEmbeddingsAndTextsAndMissingWeightsAreOneLine() throws {
        let texts = try write("[\"a red circle\", \"\", \"two dogs play\"]", "texts.json")
        let out = folder.appendingPathComponent("out.h5")
        let missing = try runFlowlab(["embed", "--texts", texts.path, "--out", out.path],
                                     environment: ["FLOWLAB_WEIGHTS": folder.appendingPathComponent("none").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.standardError.split(separator: "\n").count, 1, missing.standardError)
        XCTAssertTrue(missing.standardError.contains("fetch it with `flowlab weights fetch minilm`"), missing.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))

        try requireMiniLM()
        let result = try runFlowlab(["embed", "--texts", texts.path, "--out", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let file = try HDF5File.open(out)
        defer { try? file.close() }
        let (values, shape) = try file.read("/embeddings", as: Float.self)
        XCTAssertEqual(shape, [3, 384])
        XCTAssertEqual(try file.readStrings("/texts"), ["a red circle", "", "two dogs play"])
        XCTAssertEqual(try file.attribute("model").stringValue, "sentence-transformers/all-MiniLM-L6-v2")
        let expected = try SentenceEncoder.miniLM().embed(["a red circle", "", "two dogs play"]).floats
        XCTAssertEqual(zip(values, expected).map { abs($0 - $1) }.max() ?? 1, 0, accuracy: 1e-6)
    }

    func testEvalCaptionsAddsCaptionSimilarityAndWeightsListIsJSON() throws {
        let candidates = try write(#"[{"image_id": 1, "caption": "a red circle"}, {"image_id": 2, "caption": "a dog"}]"#, "c.json")
        let references = try write(#"{"annotations": [{"image_id": 1, "caption": "a small red circle"}, {"image_id": 1, "caption": "red circle, top left"}, {"image_id": 2, "caption": "a brown dog runs"}]}"#, "r.json")
        let list = try runFlowlab(["weights", "list", "--json"], environment: ["FLOWLAB_WEIGHTS": folder.path])
        XCTAssertEqual(list.status, 0, list.standardError)
        let packages = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        XCTAssertEqual(packages.map { $0["name"] as? String }, ["minilm", "inception", "meteor"])
        XCTAssertEqual(packages.map { $0["state"] as? String }, ["missing", "missing", "missing"])

        let without = try runFlowlab(["eval", "captions", "--candidates", candidates.path, "--references", references.path, "--no-meteor"],
                                     environment: ["FLOWLAB_WEIGHTS": folder.path])
        XCTAssertEqual(without.status, 0, without.standardError)
        XCTAssertFalse(without.standardOutput.contains("caption_similarity"))
        XCTAssertTrue(without.standardError.contains("caption_similarity left out"), without.standardError)

        try requireMiniLM()
        let perImage = folder.appendingPathComponent("per_image.json")
        let result = try runFlowlab(["eval", "captions", "--candidates", candidates.path, "--references", references.path, "--no-meteor",
                                     "--per-image", perImage.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: perImage)) as? [[String: Any]])
        let perImageValues = rows.compactMap { $0["caption_similarity"] as? Double }
        XCTAssertEqual(perImageValues.count, 2)
        XCTAssertNotNil(rows.first?["CIDEr"] as? Double)
        let scores = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let mean = try XCTUnwrap(scores["caption_similarity"] as? Double)
        XCTAssertGreaterThan(mean, 0.4)
        XCTAssertLessThan(mean, 1)
        XCTAssertEqual(mean, perImageValues.reduce(0, +) / 2, accuracy: 1e-12)
        XCTAssertNotNil(scores["caption_similarity_std"] as? Double)
        XCTAssertEqual(scores["caption_similarity_model"] as? String, "sentence-transformers/all-MiniLM-L6-v2")
        XCTAssertNotNil(scores["CIDEr"] as? Double)
        let skipped = try runFlowlab(["eval", "captions", "--candidates", candidates.path, "--references", references.path,
                                      "--no-meteor", "--no-similarity"])
        XCTAssertFalse(skipped.standardOutput.contains("caption_similarity"))
    }

    // MARK: Support

    private struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Runs the built `flowlab` (skipping when it is not built next to the test bundle) with extra environment.
    private func runFlowlab(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let bundle = Bundle(for: Self.self).bundleURL
        guard let executable = [bundle.deletingLastPathComponent(), bundle].map({ $0.appendingPathComponent("flowlab") })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the flowlab executable is not built next to \(bundle.path)")
        }
        let outputURL = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errorURL = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL), error = try FileHandle(forWritingTo: errorURL)
        defer { try? output.close(); try? error.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = Self.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardOutput: try String(contentsOf: outputURL, encoding: .utf8),
                      standardError: try String(contentsOf: errorURL, encoding: .utf8))
    }
}
