import XCTest
@testable import FlowPlot

final class ModeCollapseFigureTests: XCTestCase {
    /// The grid label c = i + j of a point on the 100 x 100 grid over [-6, 6]².
    private func gridLabel(x: Double, y: Double) -> Int {
        func index(_ value: Double) -> Int { min(99, max(0, Int(((value + 6) / 12 * 100).rounded(.down)))) }
        return index(x) + index(y)
    }

    /// Samples from six Gaussians (variance 0.5 scaled by `spread`) on a circle of radius 4, drawing mode k with weight `weights[k]`.
    private func samples(count: Int, spread: Double, weights: [Double], seed: UInt64) -> [(x: Double, y: Double)] {
        var generator = SeededGenerator(seed: seed)
        let total = weights.reduce(0, +)
        return (0..<count).map { _ in
            var pick = Double.random(in: 0..<total, using: &generator)
            var mode = 0
            while pick >= weights[mode], mode < 5 { pick -= weights[mode]; mode += 1 }
            let angle = Double(mode) * Double.pi / 3
            let deviation = (0.5 * spread).squareRoot()
            return (4 * cos(angle) + deviation * generator.normal(), 4 * sin(angle) + deviation * generator.normal())
        }
    }

    func testModeCollapseFigureIsWrittenWithPlausibleSize() throws {
        let configurations: [(name: String, spread: Double, weights: [Double])] = [
            ("data", 1, [1, 1, 1, 1, 1, 1]),
            ("cfg_w3.0", 0.15, [1, 0.05, 1, 1, 0.05, 1]),
            ("cfg_w1.5", 0.4, [1, 0.3, 1, 1, 0.3, 1]),
            ("crossflows", 1.6, [1, 1, 1, 1, 1, 1]),
            ("crossflows_cfg", 0.8, [1, 0.8, 1, 1, 0.8, 1]),
            ("frozen_prompt", 0.3, [1, 0.6, 1, 1, 0.6, 1]),
        ]
        let rows = configurations.enumerated().map { index, configuration in
            let points = samples(count: 20_000, spread: configuration.spread, weights: configuration.weights, seed: UInt64(index + 1))
            return ModeCollapseFigure.Row(name: configuration.name, points: points, labels: points.map { gridLabel(x: $0.x, y: $0.y) })
        }
        let figure = ModeCollapseFigure.make(rows: rows, title: "Mode collapse on six Gaussians (synthetic)")

        let start = Date()
        let canvas = try figure.render()
        let rendered = Date()
        let png = try canvas.pngData()
        let encoded = Date()
        print(String(format: "mode-collapse figure %dx%d: render %.3f s, PNG %.3f s, %d bytes (%.1fx)",
                     canvas.width, canvas.height, rendered.timeIntervalSince(start), encoded.timeIntervalSince(rendered),
                     png.count, Double(canvas.pixels.count) / Double(png.count)))

        XCTAssertEqual(canvas.width, figure.pixelSize.width)
        XCTAssertEqual(canvas.height, figure.pixelSize.height)
        XCTAssertGreaterThan(canvas.height, 6 * 400)
        XCTAssertGreaterThan(png.count, 50_000)
        XCTAssertLessThan(png.count, canvas.pixels.count / 4)
        let decoded = try DecodedPNG(png)
        XCTAssertEqual(decoded.pixels, canvas.pixels)

        let url = try writeForInspection(canvas, name: "mode_collapse.png")
        XCTAssertEqual(try Data(contentsOf: url), png)
        print("mode-collapse figure written to \(url.path)")
    }
}
