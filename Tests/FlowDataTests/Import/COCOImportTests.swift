import FlowData
import FlowImages
import Foundation
import XCTest

/// Import of a tiny COCO-style set the test builds itself, and every bad-input path.
final class COCOImportTests: XCTestCase {
    private var folder: ImportTestFolder!

    override func setUpWithError() throws { folder = try ImportTestFolder() }
    override func tearDown() { folder.remove() }

    private let red = RGBColor(red: 220, green: 20, blue: 30)
    private let blue = RGBColor(red: 10, green: 40, blue: 200)

    private func importCOCO(_ json: URL, options: ImageImportOptions = ImageImportOptions(imageSize: 4)) throws -> (URL, ImportSummary) {
        let out = folder.path("out.h5")
        let listing = try COCOCaptionsImporter(imagesFolder: folder.path("images"), captionsFile: json).items(options: options)
        let summary = try CaptionedImageImporter(options: options, source: "coco").write(listing.items, to: out, summary: listing.summary)
        return (out, summary)
    }

    func testImportsImagesCaptionsAndCountsSkips() throws {
        try folder.writePNG("images/a.png", color: red)
        try folder.writePNG("images/b.png", color: blue)
        try folder.writePNG("images/c.png", color: .black)
        let captionsA = (1...6).map { "a red box, version \($0)" }
        let json = try folder.writeCOCO("captions.json", images: [(7, "a.png"), (3, "b.png"), (9, "c.png")],
                                        annotations: captionsA.map { (7, $0) } + [(3, "  a blue\n box  "), (3, "blue")])
        var options = ImageImportOptions(imageSize: 4)
        options.threads = 2
        let (out, summary) = try importCOCO(json, options: options)
        XCTAssertEqual(summary.importedCount, 2)
        XCTAssertEqual(summary.skippedByReason, ["without captions": 1])
        XCTAssertEqual(summary.droppedCaptionCount, 1)
        XCTAssertEqual("\(summary)", "imported 2 images; skipped 1 (1 without captions); 1 caption beyond 5 dropped")

        let reader = try CaptionedImageFileReader(url: out)
        defer { try? reader.close() }
        XCTAssertEqual(reader.count, 2)
        XCTAssertEqual(reader.imageSize, 4)
        XCTAssertEqual(reader.attributes["source"], .string("coco"))
        XCTAssertEqual(try reader.captions(0..<2), [Array(captionsA.prefix(5)), ["a blue box", "blue"]])
        XCTAssertEqual(try reader.images(0..<1), RGBImage(width: 4, height: 4, filledWith: red).pixels)
        XCTAssertEqual(try reader.images(1..<2), RGBImage(width: 4, height: 4, filledWith: blue).pixels)
    }

    func testStoredPixelsAreTheCentreCropResizedLikePIL() throws {
        let image = try folder.writeGradientPNG("images/wide.png", width: 30, height: 18)
        let json = try folder.writeCOCO("captions.json", images: [(1, "wide.png")], annotations: [(1, "a gradient")])
        let (out, _) = try importCOCO(json, options: ImageImportOptions(imageSize: 8))
        let reader = try CaptionedImageFileReader(url: out)
        defer { try? reader.close() }
        let expected = try ImageDecoder().decode(contentsOf: image).rgbImage().centerCropped().resized(width: 8, height: 8)
        XCTAssertEqual(try reader.images(0..<1), expected.pixels)
        // The crop keeps the middle: the left column is no longer pure black in red.
        XCTAssertGreaterThan(expected.pixels[0], 40)
    }

    func testAnnotationForAnImageMissingFromTheListIsAnError() throws {
        try folder.writePNG("images/a.png", color: red)
        let json = try folder.writeCOCO("captions.json", images: [(1, "a.png")], annotations: [(1, "red"), (1, "box"), (42, "ghost")])
        XCTAssertThrowsError(try importCOCO(json)) { error in
            XCTAssertTrue("\(error)".contains("captions.json annotations[2].image_id"), "\(error)")
            XCTAssertTrue("\(error)".contains("42"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("out.h5").path))
    }

    func testMissingImageFileIsAnErrorOrACountedSkip() throws {
        try folder.writePNG("images/a.png", color: red)
        let json = try folder.writeCOCO("captions.json", images: [(1, "a.png"), (2, "gone.jpg")], annotations: [(1, "red"), (2, "lost")])
        XCTAssertThrowsError(try importCOCO(json)) { error in
            XCTAssertTrue("\(error)".contains("images[1].file_name"), "\(error)")
            XCTAssertTrue("\(error)".contains("gone.jpg"), "\(error)")
        }
        var options = ImageImportOptions(imageSize: 4)
        options.skipUnreadable = true
        let (_, summary) = try importCOCO(json, options: options)
        XCTAssertEqual(summary.importedCount, 1)
        XCTAssertEqual(summary.skippedByReason, ["missing image file": 1])
    }

    func testUnreadableJSONIsAnErrorWithItsPosition() throws {
        let json = try folder.write(Data("{\"images\": [{\"id\": 1, \"file_name\": \"a.png\"}],\n \"annotations\": [ oops ]}".utf8),
                                    to: "captions.json")
        XCTAssertThrowsError(try importCOCO(json)) { error in
            XCTAssertTrue("\(error)".contains("captions.json"), "\(error)")
            XCTAssertTrue("\(error)".contains("not valid JSON"), "\(error)")
        }
        let wrongShape = try folder.write(Data("{\"images\": [{\"id\": 1}], \"annotations\": []}".utf8), to: "shape.json")
        XCTAssertThrowsError(try importCOCO(wrongShape)) { error in
            XCTAssertTrue("\(error)".contains("images[0]"), "\(error)")
            XCTAssertTrue("\(error)".contains("file_name"), "\(error)")
        }
    }

    func testCorruptImageStopsTheImportOrIsCountedAndNoFileIsLeftOnError() throws {
        let good = try Data(contentsOf: folder.writePNG("images/a.png", color: red))
        try folder.write(good.prefix(good.count / 2), to: "images/b.png")  // truncated
        try folder.write(Data("not an image at all".utf8), to: "images/c.png")
        let json = try folder.writeCOCO("captions.json", images: [(1, "a.png"), (2, "b.png"), (3, "c.png")],
                                        annotations: [(1, "red"), (2, "half"), (3, "text")])
        XCTAssertThrowsError(try importCOCO(json)) { error in
            XCTAssertTrue("\(error)".contains("images/b.png"), "\(error)")
            XCTAssertTrue("\(error)".contains("--skip-unreadable"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("out.h5").path))
        var options = ImageImportOptions(imageSize: 4)
        options.skipUnreadable = true
        let (_, summary) = try importCOCO(json, options: options)
        XCTAssertEqual(summary.importedCount, 1)
        XCTAssertEqual(summary.skippedByReason, ["unreadable image": 2])
        XCTAssertEqual(summary.skippedExamples.count, 2)
    }

    func testNothingImportableIsAnErrorAndLeavesNoFile() throws {
        try folder.write(Data("garbage".utf8), to: "images/a.png")
        let json = try folder.writeCOCO("captions.json", images: [(1, "a.png")], annotations: [(1, "x")])
        var options = ImageImportOptions(imageSize: 4)
        options.skipUnreadable = true
        XCTAssertThrowsError(try importCOCO(json, options: options)) { error in
            XCTAssertTrue("\(error)".contains("no image could be imported"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("out.h5").path))
    }
}
