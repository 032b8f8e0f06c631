import XCTest
@testable import FlowPlot

final class AtomicFileWriterTests: XCTestCase {
    func testAtomicWriteReplacesFileAndLeavesNoTemporaryFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowplot-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("image.png")
        try AtomicFileWriter.write(Data([1, 2, 3]), to: url)
        try AtomicFileWriter.write(Data([4, 5]), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data([4, 5]))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["image.png"])
        XCTAssertThrowsError(try AtomicFileWriter.write(Data([1]), to: folder.appendingPathComponent("missing/x.png")))
    }

    func testCanvasPNGIsAValidFileWithTheCanvasPixels() throws {
        let canvas = Canvas(width: 3, height: 2, background: Color(hex: 0x102030))
        let png = try canvas.pngData()
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertEqual(try DecodedPNG(png).pixels, canvas.pixels)
    }
}
