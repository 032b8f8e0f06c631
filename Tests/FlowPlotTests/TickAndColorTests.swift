import XCTest
@testable import FlowPlot

final class TickAndColorTests: XCTestCase {
    func testLinearTicksAreNiceAndInsideTheRange() {
        XCTAssertEqual(TickGenerator.linearTicks(in: -6...6, targetCount: 6).map(\.label), ["-6", "-4", "-2", "0", "2", "4", "6"])
        XCTAssertEqual(TickGenerator.linearTicks(in: 0...1, targetCount: 5).map(\.label), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        XCTAssertEqual(TickGenerator.linearTicks(in: 0...198, targetCount: 5).map(\.value), [0, 50, 100, 150])
        XCTAssertEqual(TickGenerator.linearTicks(in: 0.013...0.047, targetCount: 4).map(\.label), ["0.02", "0.03", "0.04"])
        XCTAssertEqual(TickGenerator.linearTicks(in: 0...300_000, targetCount: 3).map(\.label), ["0", "1e5", "2e5", "3e5"])
    }

    func testLogarithmicTicks() {
        XCTAssertEqual(TickGenerator.logarithmicTicks(in: 0.005...20).map(\.label), ["0.01", "0.1", "1", "10"])
        XCTAssertEqual(TickGenerator.logarithmicTicks(in: 1e-5...1e-3).map(\.label), ["1e-5", "1e-4", "1e-3"])
        XCTAssertEqual(TickGenerator.logarithmicTicks(in: 0.3...4).map(\.value), [0.5, 1, 2])
        XCTAssertEqual(TickGenerator.logarithmicTicks(in: 0.09...2.5).map(\.label), ["0.1", "0.2", "0.5", "1", "2"])
    }

    func testViridisEndsAndMidpoint() {
        XCTAssertEqual(ColorMap.viridis.color(at: 0), Color(hex: 0x440154))
        XCTAssertEqual(ColorMap.viridis.color(at: 1), Color(hex: 0xFDE725))
        XCTAssertEqual(ColorMap.viridis.color(at: 2), Color(hex: 0xFDE725))
        XCTAssertEqual(ColorMap.viridis.color(at: .nan), Color(hex: 0x440154))
        let middle = ColorMap.viridis.color(for: 99, in: 0...198)
        XCTAssertLessThan(abs(Int(middle.green) - 0x91), 4)  // 0x21918C at 0.5
        XCTAssertEqual(ColorMap.grayscale.color(at: 0.5), Color(red: 128, green: 128, blue: 128))
    }

    func testCategoricalPaletteWraps() {
        let palette = CategoricalPalette.tab10
        XCTAssertEqual(palette.color(for: 0), Color(hex: 0x1F77B4))
        XCTAssertEqual(palette.color(for: 10), palette.color(for: 0))
        XCTAssertEqual(palette.color(for: -1), palette.color(for: 9))
    }
}
