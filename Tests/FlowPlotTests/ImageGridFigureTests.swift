import XCTest
@testable import FlowPlot

/// The contact sheet: images enlarged by whole pixels in a grid, captions wrapped underneath.
final class ImageGridFigureTests: XCTestCase {
    private func solid(_ red: UInt8, caption: String) -> CaptionedImage {
        CaptionedImage(pixels: Array(repeating: [red, 0, 0], count: 4 * 4).flatMap { $0 }, width: 4, height: 4, caption: caption)
    }

    func testImagesLandEnlargedInTheirCellsWithCaptionInkBelow() throws {
        let figure = ImageGridFigure(images: [solid(200, caption: "first"), solid(100, caption: "second"), solid(50, caption: "")],
                                     columns: 2, pixelScale: 20, captionLines: 2)
        let canvas = try figure.render()
        let margin = ImageGridFigure.margin
        let tileWidth = 80, tileHeight = 80 + 4 + 2 * ImageGridFigure.lineHeight
        XCTAssertEqual(canvas.width, margin + 2 * (tileWidth + margin))
        XCTAssertEqual(canvas.height, margin + 2 * (tileHeight + margin))
        XCTAssertEqual(canvas.color(x: margin + 40, y: margin + 40), Color(red: 200, green: 0, blue: 0))
        XCTAssertEqual(canvas.color(x: 2 * margin + tileWidth + 79, y: margin + 79), Color(red: 100, green: 0, blue: 0))
        XCTAssertEqual(canvas.color(x: margin + 40, y: 2 * margin + tileHeight + 10), Color(red: 50, green: 0, blue: 0))
        let captionBand = (margin..<(margin + tileWidth)).flatMap { x in
            ((margin + 84)..<(margin + 84 + 8)).map { canvas.color(x: x, y: $0) }
        }
        XCTAssertTrue(captionBand.contains(.ink), "the first caption is drawn under its image")
    }

    func testWrappingKeepsWordsAndMarksCutCaptions() {
        XCTAssertEqual(ImageGridFigure.wrap("a small red circle in the top left", width: 12, lines: 4),
                       ["a small red", "circle in", "the top left"])
        XCTAssertEqual(ImageGridFigure.wrap("a small red circle in the top left", width: 12, lines: 2), ["a small red", "circle in..."])
        XCTAssertEqual(ImageGridFigure.wrap("abcdefghij", width: 4, lines: 5), ["abcd", "efgh", "ij"])
        XCTAssertEqual(ImageGridFigure.wrap("", width: 4, lines: 2), [])
    }

    func testBadInputIsAnError() {
        XCTAssertThrowsError(try ImageGridFigure(images: []).render())
        XCTAssertThrowsError(try ImageGridFigure(images: [CaptionedImage(pixels: [1, 2], width: 4, height: 4, caption: "")]).render()) {
            XCTAssertTrue("\($0)".contains("image 0 has 2 bytes"), "\($0)")
        }
    }
}
