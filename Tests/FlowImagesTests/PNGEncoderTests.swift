import XCTest
@testable import FlowImages

final class PNGEncoderTests: XCTestCase {
    private func gradient(width: Int, height: Int, channels: Int) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8(x % 256), UInt8(y % 256), UInt8((x * y) % 256)]
                if channels == 4 { pixels.append(UInt8((x + y) % 256)) }
            }
        }
        return pixels
    }

    func testRGBRoundTripsAtEveryCompressionLevel() throws {
        let image = try RGBImage(width: 37, height: 23, pixels: gradient(width: 37, height: 23, channels: 3))
        for level in [0, 1, 6, 9] {
            let png = try PNGEncoder(compressionLevel: level).encode(image)
            XCTAssertEqual(try PNGDecoder().decode(png).pixels, .rgb(image), "level \(level)")
        }
    }

    func testRGBARoundTripsAndKeepsAlpha() throws {
        let image = try RGBAImage(width: 16, height: 9, pixels: gradient(width: 16, height: 9, channels: 4))
        let decoded = try PNGDecoder().decode(PNGEncoder().encode(image))
        XCTAssertEqual(decoded.pixels, .rgba(image))
        XCTAssertTrue(image.hasTransparency)
    }

    func testTextChunksRoundTripIncludingNonLatinText() throws {
        let image = RGBImage(width: 2, height: 2, filledWith: .white)
        let text = [PNGTextEntry(keyword: "Title", text: "café table"), PNGTextEntry(keyword: "Description", text: "水彩 — two cups")]
        let decoded = try PNGDecoder().decode(PNGEncoder().encode(image, text: text))
        XCTAssertEqual(decoded.text, ["Title": "café table", "Description": "水彩 — two cups"])
    }

    func testFileHasSignatureAndHeader() throws {
        let bytes = [UInt8](try PNGEncoder().encode(RGBImage(width: 1, height: 1, filledWith: RGBColor(red: 255, green: 0, blue: 0))))
        XCTAssertEqual(Array(bytes[0..<8]), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertEqual(Array(bytes[8..<16]), [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])  // length 13, "IHDR"
        XCTAssertEqual(Array(bytes[16..<29]), [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
        XCTAssertEqual(Array(bytes.suffix(12)), [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }

    func testRejectsBadKeywordLevelAndBuffer() {
        let image = RGBImage(width: 1, height: 1, filledWith: .black)
        XCTAssertThrowsError(try PNGEncoder().encode(image, text: [PNGTextEntry(keyword: "", text: "x")])) { error in
            XCTAssertTrue("\(error)".contains("keyword"), "\(error)")
        }
        XCTAssertThrowsError(try PNGEncoder(compressionLevel: 12).encode(image))
        XCTAssertThrowsError(try RGBImage(width: 1, height: 1, pixels: [0, 0])) { error in
            XCTAssertTrue("\(error)".contains("expected 3"), "\(error)")
        }
        XCTAssertThrowsError(try RGBImage(width: 0, height: 4, pixels: []))
    }
}
