import XCTest
@testable import FlowImages

/// FlowImages against Pillow on the fixture files: decoding within 1 grey level, resizing within 2.
final class PillowParityTests: XCTestCase {
    func testEveryFixtureDecodesLikePillow() throws {
        let manifest = try ImageFixtures.manifest()
        XCTAssertGreaterThanOrEqual(manifest.decodings.count, 14)
        for fixture in manifest.decodings {
            let decoded = try ImageDecoder().decode(contentsOf: ImageFixtures.url(fixture.file))
            XCTAssertEqual(decoded.width, fixture.width, fixture.file)
            XCTAssertEqual(decoded.height, fixture.height, fixture.file)
            XCTAssertEqual(decoded.hasAlpha, fixture.channels == 4, "\(fixture.file) (\(fixture.description))")
            let pixels = fixture.channels == 4 ? decoded.rgbaImage.pixels : decoded.rgbImage().pixels
            let expected = try ImageFixtures.bytes(fixture.expected)
            XCTAssertEqual(pixels.count, expected.count, fixture.file)
            guard pixels.count == expected.count else { continue }
            let difference = ImageFixtures.largestDifference(pixels, expected)
            XCTAssertLessThanOrEqual(difference, 1, "\(fixture.file) (\(fixture.description), PIL mode \(fixture.mode))")
            XCTAssertEqual(decoded.text, fixture.text, fixture.file)
        }
    }

    func testLosslessFixturesDecodeExactly() throws {
        for fixture in try ImageFixtures.manifest().decodings where fixture.file.hasSuffix(".png") {
            let decoded = try ImageDecoder().decode(contentsOf: ImageFixtures.url(fixture.file))
            let pixels = fixture.channels == 4 ? decoded.rgbaImage.pixels : decoded.rgbImage().pixels
            XCTAssertEqual(pixels, try ImageFixtures.bytes(fixture.expected), fixture.file)
        }
    }

    func testCenterCropAndBicubicResizeMatchPillow() throws {
        let manifest = try ImageFixtures.manifest()
        XCTAssertGreaterThanOrEqual(manifest.resizes.count, 8)
        for fixture in manifest.resizes {
            var image = try RGBImage(width: fixture.source_width, height: fixture.source_height,
                                     pixels: ImageFixtures.bytes(fixture.source))
            if fixture.center_crop { image = image.centerCropped() }
            let resized = try image.resized(width: fixture.width, height: fixture.height)
            let expected = try ImageFixtures.bytes(fixture.expected)
            XCTAssertEqual(resized.width, fixture.width)
            XCTAssertEqual(resized.height, fixture.height)
            XCTAssertLessThanOrEqual(ImageFixtures.largestDifference(resized.pixels, expected), 2, fixture.expected)
            // Same fixed-point arithmetic and pass order as Pillow: the bytes are identical.
            XCTAssertEqual(zip(resized.pixels, expected).filter { $0 != $1 }.count, 0, "bytes differing from PIL in \(fixture.expected)")
        }
    }

    func testAlphaCompositingMatchesPillowPaste() throws {
        for fixture in try ImageFixtures.manifest().composites {
            let decoded = try ImageDecoder().decode(contentsOf: ImageFixtures.url(fixture.source))
            let background = RGBColor(red: fixture.background[0], green: fixture.background[1], blue: fixture.background[2])
            let composited = decoded.rgbImage(background: background)
            XCTAssertLessThanOrEqual(ImageFixtures.largestDifference(composited.pixels, try ImageFixtures.bytes(fixture.expected)), 1,
                                     fixture.expected)
        }
    }
}
