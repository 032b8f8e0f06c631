import XCTest
@testable import FlowPlot

final class CanvasTests: XCTestCase {
    private let red = Color(hex: 0xFF0000)

    func testFillRectPaintsExactlyItsPixels() {
        var canvas = Canvas(width: 20, height: 10)
        canvas.fillRect(PixelRect(x: 2, y: 3, width: 4, height: 5), color: red)
        XCTAssertEqual(canvas.color(x: 2, y: 3), red)
        XCTAssertEqual(canvas.color(x: 5, y: 7), red)
        XCTAssertEqual(canvas.color(x: 6, y: 7), .white)
        XCTAssertEqual(canvas.color(x: 5, y: 8), .white)
        XCTAssertEqual(canvas.color(x: 1, y: 3), .white)
        canvas.fillRect(PixelRect(x: -5, y: -5, width: 100, height: 6), color: .black)  // clipped to the canvas
        XCTAssertEqual(canvas.color(x: 19, y: 0), .black)
        XCTAssertEqual(canvas.color(x: 19, y: 1), .white)
    }

    func testCircleCoversCentreAndAntialiasesEdge() {
        var canvas = Canvas(width: 21, height: 21)
        canvas.fillCircle(centerX: 10.5, centerY: 10.5, radius: 5, color: red)
        XCTAssertEqual(canvas.color(x: 10, y: 10), red)
        XCTAssertEqual(canvas.color(x: 13, y: 10), red)
        XCTAssertEqual(canvas.color(x: 17, y: 10), .white)
        XCTAssertEqual(canvas.color(x: 14, y: 14), .white)  // corner of the bounding box, distance 5.66
        let edge = canvas.color(x: 10, y: 15)  // pixel centre exactly on the circle: half covered
        XCTAssertEqual(edge.red, 255)
        XCTAssertTrue((100...160).contains(Int(edge.green)), "edge green \(edge.green)")
    }

    func testHalfOpaqueBlendMixesWithBackground() {
        var canvas = Canvas(width: 1, height: 1, background: .white)
        canvas.blendPixel(x: 0, y: 0, color: .black, opacity: 0.5)
        XCTAssertEqual(canvas.color(x: 0, y: 0), Color(red: 127, green: 127, blue: 127))
    }

    func testLineCoversItsPathOnly() {
        var canvas = Canvas(width: 30, height: 30)
        canvas.drawLine(fromX: 2, fromY: 15.5, toX: 28, toY: 15.5, color: .black, lineWidth: 3)
        XCTAssertEqual(canvas.color(x: 15, y: 15), .black)
        XCTAssertEqual(canvas.color(x: 15, y: 14), .black)
        XCTAssertEqual(canvas.color(x: 15, y: 10), .white)
        canvas.drawLine(fromX: 0, fromY: 0, toX: 29, toY: 29, color: red, lineWidth: 1)
        XCTAssertEqual(canvas.color(x: 7, y: 7).red, 255)
        XCTAssertLessThan(canvas.color(x: 7, y: 7).green, 100)
        XCTAssertEqual(canvas.color(x: 20, y: 5), .white)
    }

    func testTextInksPixelsInsideItsBox() {
        var canvas = Canvas(width: 200, height: 40)
        canvas.drawText("Ag-1.5%", x: 10, y: 10, scale: 2, color: .black)
        let size = Canvas.textSize("Ag-1.5%", scale: 2)
        XCTAssertEqual(size.width, (6 * 6 + 5) * 2)
        XCTAssertEqual(size.height, 16)
        var inked = 0
        for y in 0..<40 {
            for x in 0..<200 where canvas.color(x: x, y: y) == .black {
                inked += 1
                XCTAssertTrue(x >= 10 && x < 10 + size.width && y >= 10 && y < 10 + size.height, "ink outside box at \(x),\(y)")
            }
        }
        XCTAssertGreaterThan(inked, 100)
        // The hyphen is a 5-pixel bar on font row 3 of the third glyph: columns 12...16, row 3, at scale 2.
        XCTAssertEqual(canvas.color(x: 10 + 12 * 2, y: 10 + 3 * 2), .black)
        XCTAssertEqual(canvas.color(x: 10 + 12 * 2, y: 10 + 1 * 2), .white)
    }

    func testEveryPrintableGlyphExceptSpaceHasInk() {
        for ascii in 33...126 {
            let character = Character(UnicodeScalar(UInt8(ascii)))
            XCTAssertTrue(BitmapFont.columns(of: character).contains { $0 != 0 }, "glyph '\(character)' is blank")
        }
        XCTAssertEqual(BitmapFont.columns(of: "é"), BitmapFont.columns(of: "?"))
    }

    func testVerticalTextReadsBottomToTop() {
        var canvas = Canvas(width: 30, height: 60)
        canvas.drawVerticalText("-", x: 5, y: 5, scale: 1, color: .black)
        // A horizontal hyphen becomes a vertical bar at font row 3: column 5 + 3, five pixels tall.
        let column = (0..<60).filter { canvas.color(x: 8, y: $0) == .black }
        XCTAssertEqual(column, [5, 6, 7, 8, 9])
    }

    func testClipRestrictsDrawing() {
        var canvas = Canvas(width: 10, height: 10)
        canvas.clipped(to: PixelRect(x: 0, y: 0, width: 5, height: 10)) { canvas in
            canvas.fillRect(PixelRect(x: 0, y: 0, width: 10, height: 10), color: red)
        }
        XCTAssertEqual(canvas.color(x: 4, y: 4), red)
        XCTAssertEqual(canvas.color(x: 5, y: 4), .white)
    }

    func testCanvasPNGDecodesToTheSamePixels() throws {
        var canvas = Canvas(width: 40, height: 30, background: Color(hex: 0x102030))
        canvas.fillCircle(centerX: 20, centerY: 15, radius: 8, color: red, opacity: 0.7)
        let decoded = try DecodedPNG(canvas.pngData())
        XCTAssertEqual(decoded.pixels, canvas.pixels)
        XCTAssertEqual(decoded.rgb(x: 0, y: 0), [0x10, 0x20, 0x30])
    }
}
