import FlowData
import FlowImages
import Foundation
import XCTest

/// Image-folder import: captions from sidecar files, PNG text chunks and path words; bad folders and encodings.
final class FolderImportTests: XCTestCase {
    private var folder: ImportTestFolder!

    override func setUpWithError() throws { folder = try ImportTestFolder() }
    override func tearDown() { folder.remove() }

    private func importFolder(_ root: URL, options: ImageImportOptions = ImageImportOptions(imageSize: 4)) throws -> (URL, ImportSummary) {
        let out = folder.url.appendingPathComponent("out.h5")
        let listing = try ImageFolderImporter(root: root).items(options: options)
        let summary = try CaptionedImageImporter(options: options, source: "folder").write(listing.items, to: out, summary: listing.summary)
        return (out, summary)
    }

    func testCaptionsComeFromSidecarTextChunksOrPathWords() throws {
        let root = folder.path("art")
        try folder.writePNG("art/animals/cat.png", color: .black)
        try folder.write(Data("\u{FEFF}a black cat\n\n  sitting   still \nthe cat\n".utf8), to: "art/animals/cat.txt")
        try folder.writePNG("art/animals/dog_running-02.png", color: .white)
        try folder.writePNG("art/food/pear.png", color: RGBColor(red: 200, green: 200, blue: 0),
                            text: [PNGTextEntry(keyword: "Title", text: "Yellow Pear"),
                                   PNGTextEntry(keyword: "Description", text: "A pear &quot;ripe&quot; and café-yellow")])
        try folder.writePNG("art/.hidden/x.png", color: .black)
        try folder.write(Data("notes".utf8), to: "art/readme.md")
        let (out, summary) = try importFolder(root)
        XCTAssertEqual(summary.importedCount, 3)
        let reader = try CaptionedImageFileReader(url: out)
        defer { try? reader.close() }
        XCTAssertEqual(try reader.captions(0..<3), [
            ["a black cat", "sitting still", "the cat"],
            ["dog running"],
            ["Yellow Pear", "A pear \"ripe\" and café-yellow"],
        ])
        XCTAssertEqual(reader.attributes["source"], .string("folder"))
    }

    func testTransparentPixelsAreCompositedOntoTheBackground() throws {
        let root = folder.path("clipart")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let halfTransparentRed = try RGBAImage(width: 4, height: 4, pixels: Array(repeating: [255, 0, 0, 128], count: 16).flatMap { $0 })
        try PNGEncoder().encode(halfTransparentRed, text: [PNGTextEntry(keyword: "Title", text: "pink")]).write(to: root.appendingPathComponent("p.png"))
        var options = ImageImportOptions(imageSize: 2)
        options.background = RGBColor(red: 0, green: 0, blue: 255)
        let (out, _) = try importFolder(root, options: options)
        let reader = try CaptionedImageFileReader(url: out)
        defer { try? reader.close() }
        XCTAssertEqual(Array(try reader.images(0..<1).prefix(3)), [128, 0, 127])
    }

    func testSymbolicLinksToTheSameFileImportItOnce() throws {
        let root = folder.path("links")
        let original = try folder.writePNG("links/mammals/seal.png", color: .white)
        try FileManager.default.createSymbolicLink(at: folder.path("links/seal.png"), withDestinationURL: original)
        let (_, summary) = try importFolder(root)
        XCTAssertEqual(summary.importedCount, 1)
    }

    func testEmptyFolderAndMissingFolderAreErrors() throws {
        let empty = folder.path("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try folder.write(Data("x".utf8), to: "empty/notes.txt")
        XCTAssertThrowsError(try importFolder(empty)) { error in
            XCTAssertTrue("\(error)".contains("contains no PNG or JPEG files"), "\(error)")
            XCTAssertTrue("\(error)".contains(empty.path), "\(error)")
        }
        XCTAssertThrowsError(try importFolder(folder.path("nowhere"))) { error in
            XCTAssertTrue("\(error)".contains("is not a folder"), "\(error)")
        }
    }

    func testSidecarInABadEncodingIsAnErrorNamingTheLineOrACountedSkip() throws {
        let root = folder.path("latin1")
        try folder.writePNG("latin1/a.png", color: .black)
        try folder.writePNG("latin1/b.png", color: .white)
        try folder.write(Data([0x63, 0x61, 0x66, 0x65, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A]), to: "latin1/b.txt")  // "cafe\ncaf\xE9\n"
        XCTAssertThrowsError(try importFolder(root)) { error in
            XCTAssertTrue("\(error)".contains("b.txt line 2"), "\(error)")
            XCTAssertTrue("\(error)".contains("UTF-8"), "\(error)")
        }
        var options = ImageImportOptions(imageSize: 4)
        options.skipUnreadable = true
        let (_, summary) = try importFolder(root, options: options)
        XCTAssertEqual(summary.importedCount, 1)
        XCTAssertEqual(summary.skippedByReason, ["unreadable caption file": 1])
    }
}
