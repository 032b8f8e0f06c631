import FlowData
import Foundation
import XCTest

/// `flowlab data import`: a tiny COCO-style set and folder end to end through the built executable, and bad arguments.
final class DataImportCLITests: XCTestCase {
    private static let images = CLITests.fixtures.appendingPathComponent("images")

    /// A COCO folder with two fixture images (PNG with alpha, progressive JPEG) and their captions.
    private func makeCOCOSet(in folder: URL) throws -> (images: URL, captions: URL) {
        let images = folder.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        for name in ["rgba.png", "progressive.jpg"] {
            try FileManager.default.copyItem(at: Self.images.appendingPathComponent(name), to: images.appendingPathComponent(name))
        }
        let json = """
            {"images": [{"id": 1, "file_name": "rgba.png"}, {"id": 2, "file_name": "progressive.jpg"}],
             "annotations": [{"image_id": 1, "caption": "a gradient"}, {"image_id": 2, "caption": "noise"},
                             {"image_id": 2, "caption": "more noise"}]}
            """
        let captions = folder.appendingPathComponent("captions.json")
        try Data(json.utf8).write(to: captions)
        return (images, captions)
    }

    func testCOCOImportWritesTheFileAndASummary() throws {
        let folder = try makeRunTestFolder(self)
        let set = try makeCOCOSet(in: folder)
        let out = folder.appendingPathComponent("coco.h5")
        let result = try runFlowlab(["data", "import", "coco", "--images", set.images.path, "--captions", set.captions.path,
                                     "--size", "8", "--out", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("imported 2 images; skipped 0"), result.standardOutput)
        let reader = try CaptionedImageFileReader(url: out)
        defer { try? reader.close() }
        XCTAssertEqual(reader.count, 2)
        XCTAssertEqual(try reader.captions(0..<2), [["a gradient"], ["noise", "more noise"]])
    }

    func testFolderImportReportsProgressAndBadSizesAreRejectedBeforeWork() throws {
        let folder = try makeRunTestFolder(self)
        let set = try makeCOCOSet(in: folder)
        let out = folder.appendingPathComponent("folder.h5")
        let result = try runFlowlab(["data", "import", "folder", "--root", set.images.path, "--size", "4", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.contains("import folder"), result.standardError)
        XCTAssertTrue(result.standardOutput.contains("imported 2 images"), result.standardOutput)

        for size in ["0", "100000"] {
            let bad = try runFlowlab(["data", "import", "folder", "--root", set.images.path, "--size", size,
                                      "--out", folder.appendingPathComponent("bad.h5").path])
            XCTAssertNotEqual(bad.status, 0)
            XCTAssertTrue(bad.standardError.contains("--size must be in 1...1024, got \(size)"), bad.standardError)
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.h5").path))
        }
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try runFlowlab(["data", "import", "folder", "--root", empty.path, "--size", "4", "--out", out.path + "2"])
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.standardError.contains("contains no PNG or JPEG files"), none.standardError)
    }

    func testHelpShowsExamples() throws {
        let result = try runFlowlab(["data", "import", "coco", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.standardOutput.contains("Examples:"), result.standardOutput)
    }


    /// Runs the built `flowlab` with `arguments`; skips when it was not built.
    private func runFlowlab(_ arguments: [String]) throws -> FlowlabProcess.Result {
        try FlowlabProcess(self).run(arguments)
    }
}
