import XCTest
@testable import FlowPlot

final class FigureTests: XCTestCase {
    func testFigureSizeFollowsGridAndLabels() throws {
        let plain = Figure(rows: 2, columns: 3, panelWidth: 300, panelHeight: 200)
        let style = PlotStyle()
        XCTAssertEqual(plain.pixelSize.width, 3 * 300 + 4 * style.padding)
        XCTAssertEqual(plain.pixelSize.height, 2 * 200 + 2 * style.padding)

        var labelled = plain
        labelled.rowLabels = ["first", "second"]
        labelled.title = "title"
        let labelWidth = Canvas.textSize("second", scale: style.titleScale).width
        XCTAssertEqual(labelled.pixelSize.width, plain.pixelSize.width + labelWidth + style.padding)
        XCTAssertGreaterThan(labelled.pixelSize.height, plain.pixelSize.height)
        let canvas = try labelled.render()
        XCTAssertEqual(canvas.width, labelled.pixelSize.width)
        XCTAssertEqual(canvas.height, labelled.pixelSize.height)
    }

    func testRenderRejectsInconsistentInput() {
        var figure = Figure(rows: 2, columns: 1, rowLabels: ["only one"])
        XCTAssertThrowsError(try figure.render()) { XCTAssertTrue("\($0)".contains("1 row labels for 2 rows")) }
        figure.rowLabels = []
        figure[0, 0] = ScatterPanel(title: "bad", points: [(0, 0), (1, 1)], coloring: .perPoint([.black]))
        XCTAssertThrowsError(try figure.render()) { XCTAssertTrue("\($0)".contains("'bad'")) }
        figure[0, 0] = HeatmapPanel(title: "ragged", values: [[1, 2], [3]], xRange: 0...1, yRange: 0...1)
        XCTAssertThrowsError(try figure.render()) { XCTAssertTrue("\($0)".contains("row 1 has 1 cells")) }
        figure[0, 0] = LinePanel(title: "curve", series: [LineSeries(name: "loss", xs: [0, 1], ys: [1])])
        XCTAssertThrowsError(try figure.render()) { XCTAssertTrue("\($0)".contains("'loss'")) }
    }

    func testHeatmapCellsHaveTheirColours() throws {
        // 2 x 2 grid: bottom-left 0 (viridis start), top-right 3 (viridis end).
        let panel = HeatmapPanel(values: [[0, 1], [2, 3]], xRange: 0...2, yRange: 0...2, equalAspect: true)
        var canvas = Canvas(width: 400, height: 400)
        let plot = panel.draw(on: &canvas, in: PixelRect(x: 0, y: 0, width: 400, height: 400), style: PlotStyle())
        XCTAssertEqual(plot.width, plot.height)
        let bottomLeft = canvas.color(x: plot.x + plot.width / 4, y: plot.y + 3 * plot.height / 4)
        let topRight = canvas.color(x: plot.x + 3 * plot.width / 4, y: plot.y + plot.height / 4)
        XCTAssertEqual(bottomLeft, ColorMap.viridis.color(at: 0))
        XCTAssertEqual(topRight, ColorMap.viridis.color(at: 1))
    }

    func testLogScaleHeatmapColoursByLogOfOnePlusCount() throws {
        let panel = HeatmapPanel(values: [[0, 9], [99, 999]], xRange: 0...2, yRange: 0...2, logScale: true, equalAspect: true)
        var canvas = Canvas(width: 400, height: 400)
        let plot = panel.draw(on: &canvas, in: PixelRect(x: 0, y: 0, width: 400, height: 400), style: PlotStyle())
        func cell(_ column: Int, _ row: Int) -> Color {
            canvas.color(x: plot.x + (2 * column + 1) * plot.width / 4, y: plot.maxY - (2 * row + 1) * plot.height / 4)
        }
        XCTAssertEqual(cell(0, 0), ColorMap.viridis.color(at: 0))
        XCTAssertEqual(cell(1, 0), ColorMap.viridis.color(at: 1.0 / 3))  // log10(10) / log10(1000)
        XCTAssertEqual(cell(0, 1), ColorMap.viridis.color(at: 2.0 / 3))
        XCTAssertEqual(cell(1, 1), ColorMap.viridis.color(at: 1))
    }

    func testHistogramCountsPointsPerCell() {
        let panel = HeatmapPanel(
            binning: [(-5.9, -5.9), (5.99, 5.99), (6, 6), (0.01, 0.01), (0.02, 0.05), (7, 0)],
            xBins: 100, yBins: 100, xRange: -6...6, yRange: -6...6)
        XCTAssertEqual(panel.values[0][0], 1)
        XCTAssertEqual(panel.values[99][99], 2)  // the upper edge belongs to the last cell
        XCTAssertEqual(panel.values[50][50], 2)
        XCTAssertEqual(panel.values.joined().reduce(0, +), 5)  // (7, 0) is outside
    }

    func testScatterPointsLandWhereTheAxesSay() throws {
        let panel = ScatterPanel(
            points: [(x: -3, y: 3)], coloring: .uniform(.black), pointRadius: 3, opacity: 1,
            xAxis: Axis(limits: -6...6), yAxis: Axis(limits: -6...6), equalAspect: true)
        var canvas = Canvas(width: 300, height: 300)
        let plot = panel.draw(on: &canvas, in: PixelRect(x: 0, y: 0, width: 300, height: 300), style: PlotStyle())
        // (-3, 3) is a quarter of the way in from the left and from the top.
        XCTAssertEqual(canvas.color(x: plot.x + plot.width / 4, y: plot.y + plot.height / 4), .black)
        XCTAssertEqual(canvas.color(x: plot.x + 3 * plot.width / 4, y: plot.y + plot.height / 4), .white)
    }

    func testTrainingCurveFigureRendersAndEncodes() throws {
        let steps = (0..<200).map(Double.init)
        var figure = Figure(rows: 1, columns: 2, title: "training")
        figure[0, 0] = LinePanel(
            title: "loss",
            series: [
                LineSeries(name: "train", xs: steps, ys: steps.map { 2 * exp(-$0 / 40) + 0.1 }),
                LineSeries(name: "validation", xs: steps, ys: steps.map { 2.2 * exp(-$0 / 50) + 0.15 }),
            ],
            xAxis: Axis(label: "step"), yAxis: Axis(label: "loss", scale: .logarithmic))
        figure[0, 1] = LinePanel(title: "learning rate", series: [LineSeries(name: "lr", values: steps.map { 1e-3 * min(1, $0 / 20) })])
        let canvas = try figure.render()
        let trainColor = CategoricalPalette.tab10.color(for: 0)
        XCTAssertTrue(canvas.pixels.withUnsafeBufferPointer { buffer in
            stride(from: 0, to: buffer.count, by: 3).contains { buffer[$0] == trainColor.red && buffer[$0 + 1] == trainColor.green && buffer[$0 + 2] == trainColor.blue }
        })
        XCTAssertEqual(try DecodedPNG(canvas.pngData()).pixels, canvas.pixels)
        try writeForInspection(canvas, name: "training_curves.png")
    }
}

/// Writes a canvas under the temporary folder so a person can look at it; returns the file URL.
@discardableResult
func writeForInspection(_ canvas: Canvas, name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowplot-tests")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try canvas.writePNG(to: url)
    return url
}
