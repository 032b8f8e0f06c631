import XCTest
@testable import FlowPlot

final class PNGEncoderTests: XCTestCase {
    private func gradientPixels(width: Int, height: Int, channels: Int) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8(x % 256), UInt8(y % 256), UInt8((x * y) % 256)]
                if channels == 4 { pixels.append(UInt8((x + y) % 256)) }
            }
        }
        return pixels
    }

    func testRGBImageRoundTripsThroughTheTestDecoder() throws {
        let pixels = gradientPixels(width: 37, height: 23, channels: 3)
        for compression in [PNGEncoder.Compression.fast, .uncompressed] {
            let data = try PNGEncoder(compression: compression).encode(pixels: pixels, width: 37, height: 23, format: .rgb8)
            let decoded = try DecodedPNG(data)
            XCTAssertEqual(decoded.width, 37)
            XCTAssertEqual(decoded.height, 23)
            XCTAssertEqual(decoded.channels, 3)
            XCTAssertEqual(decoded.pixels, pixels)
            XCTAssertEqual(decoded.chunkTypes, ["IHDR", "IDAT", "IEND"])
        }
    }

    func testRGBAImageRoundTrips() throws {
        let pixels = gradientPixels(width: 16, height: 9, channels: 4)
        let decoded = try DecodedPNG(PNGEncoder().encode(pixels: pixels, width: 16, height: 9, format: .rgba8))
        XCTAssertEqual(decoded.channels, 4)
        XCTAssertEqual(decoded.pixels, pixels)
    }

    func testFileStartsWithSignatureAndHeader() throws {
        let data = try PNGEncoder().encode(pixels: [255, 0, 0], width: 1, height: 1, format: .rgb8)
        let bytes = [UInt8](data)
        XCTAssertEqual(Array(bytes[0..<8]), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertEqual(Array(bytes[8..<16]), [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])  // length 13, "IHDR"
        XCTAssertEqual(Array(bytes[16..<29]), [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
        XCTAssertEqual(Array(bytes.suffix(12)), [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }

    func testRejectsMismatchedBufferAndEmptySize() {
        XCTAssertThrowsError(try PNGEncoder().encode(pixels: [0, 0], width: 1, height: 1, format: .rgb8)) { error in
            XCTAssertTrue("\(error)".contains("expected 3"), "\(error)")
        }
        XCTAssertThrowsError(try PNGEncoder().encode(pixels: [], width: 0, height: 4, format: .rgb8))
    }

    func testAtomicWriteReplacesFileAndLeavesNoTemporaryFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowplot-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("image.png")
        try PNGEncoder.writeAtomically(Data([1, 2, 3]), to: url)
        try PNGEncoder.writeAtomically(Data([4, 5]), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data([4, 5]))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["image.png"])
        XCTAssertThrowsError(try PNGEncoder.writeAtomically(Data([1]), to: folder.appendingPathComponent("missing/x.png")))
    }
}
