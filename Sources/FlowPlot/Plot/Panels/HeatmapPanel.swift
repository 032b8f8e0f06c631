import Foundation

/// A grid of cell values (e.g. sample counts per cell) shown as colours, with a colour bar.
///
/// `values[row][column]` covers one cell of the rectangle `xRange` x `yRange`; row 0 is the
/// bottom row (lowest y), column 0 the leftmost, as with matplotlib's `origin="lower"`.
///
/// ```swift
/// let counts = HeatmapPanel(
///     title: "counts", binning: [(x: 0.1, y: 0.2), (x: -3, y: 4)],
///     xBins: 100, yBins: 100, xRange: -6...6, yRange: -6...6)
/// ```
public struct HeatmapPanel: Panel {
    /// The text above the panel; none when nil.
    public var title: String?
    /// Cell values, `values[row][column]`, row 0 at the bottom; every row equally long.
    public var values: [[Double]]
    /// The data range spanned by the columns.
    public var xRange: ClosedRange<Double>
    /// The data range spanned by the rows.
    public var yRange: ClosedRange<Double>
    /// The colour map, lowest values at its start.
    public var colorMap: ColorMap
    /// Colour by log10(1 + value) instead of value, to show sparse cells next to dense ones.
    public var logScale: Bool
    /// Text along the colour bar; none when nil.
    public var colorBarLabel: String?
    /// Horizontal axis description (its limits are ignored; `xRange` is used).
    public var xAxis: Axis
    /// Vertical axis description (its limits are ignored; `yRange` is used).
    public var yAxis: Axis
    /// Whether one data unit spans equal pixel lengths on both axes.
    public var equalAspect: Bool

    /// Creates a heatmap from explicit cell values.
    public init(
        title: String? = nil, values: [[Double]], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
        colorMap: ColorMap = .viridis, logScale: Bool = false, colorBarLabel: String? = nil,
        xAxis: Axis = Axis(), yAxis: Axis = Axis(), equalAspect: Bool = false
    ) {
        self.title = title
        self.values = values
        self.xRange = xRange
        self.yRange = yRange
        self.colorMap = colorMap
        self.logScale = logScale
        self.colorBarLabel = colorBarLabel
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.equalAspect = equalAspect
    }

    /// Creates a heatmap of how many `points` fall in each of `xBins` x `yBins` equal cells; points outside are not counted.
    public init(
        title: String? = nil, binning points: [(x: Double, y: Double)], xBins: Int, yBins: Int,
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, colorMap: ColorMap = .viridis, logScale: Bool = false,
        colorBarLabel: String? = "count", xAxis: Axis = Axis(), yAxis: Axis = Axis(), equalAspect: Bool = false
    ) {
        precondition(xBins > 0 && yBins > 0, "HeatmapPanel needs positive bin counts, got \(xBins) x \(yBins)")
        var counts = [[Double]](repeating: [Double](repeating: 0, count: xBins), count: yBins)
        let xSpan = xRange.upperBound - xRange.lowerBound
        let ySpan = yRange.upperBound - yRange.lowerBound
        for point in points where xRange.contains(point.x) && yRange.contains(point.y) {
            let column = min(Int((point.x - xRange.lowerBound) / xSpan * Double(xBins)), xBins - 1)
            let row = min(Int((point.y - yRange.lowerBound) / ySpan * Double(yBins)), yBins - 1)
            counts[row][column] += 1
        }
        self.init(
            title: title, values: counts, xRange: xRange, yRange: yRange, colorMap: colorMap, logScale: logScale,
            colorBarLabel: colorBarLabel, xAxis: xAxis, yAxis: yAxis, equalAspect: equalAspect)
    }

    public func validate() throws {
        let name = title ?? "untitled"
        guard let columnCount = values.first?.count, columnCount > 0 else {
            throw PlotError("heatmap panel '\(name)': values grid is empty")
        }
        if let row = values.firstIndex(where: { $0.count != columnCount }) {
            throw PlotError("heatmap panel '\(name)': row \(row) has \(values[row].count) cells, row 0 has \(columnCount)")
        }
        guard xRange.upperBound > xRange.lowerBound, yRange.upperBound > yRange.lowerBound else {
            throw PlotError("heatmap panel '\(name)': ranges must have positive width, got x \(xRange), y \(yRange)")
        }
        if logScale, values.contains(where: { $0.contains { $0 < 0 } }) {
            throw PlotError("heatmap panel '\(name)': log scale needs non-negative values")
        }
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in frame: PixelRect, style: PlotStyle) -> PixelRect {
        let maximum = values.lazy.flatMap { $0 }.filter(\.isFinite).max() ?? 1
        let minimum = logScale ? 0 : min(0, values.lazy.flatMap { $0 }.filter(\.isFinite).min() ?? 0)
        let colorBar = makeColorBar(minimum: minimum, maximum: maximum)
        var linearX = xAxis
        linearX.scale = .linear
        var linearY = yAxis
        linearY.scale = .linear
        let axes = PanelAxes(
            frame: frame, xAxis: linearX, xLimits: xRange, yAxis: linearY, yLimits: yRange,
            reservedRight: colorBar.reservedWidth(style: style), equalAspect: equalAspect, style: style)
        let plot = axes.plotRect
        let colorRange = colorValue(minimum)...max(colorValue(maximum), colorValue(minimum) + 1e-12)
        let cellColors = values.map { row in row.map { colorMap.color(for: colorValue($0), in: colorRange) } }
        let rowCount = values.count
        let columnCount = values[0].count
        let columnOfPixel = (0..<plot.width).map { min(columnCount - 1, $0 * columnCount / plot.width) }
        for pixelRow in 0..<plot.height {
            let row = min(rowCount - 1, (plot.height - 1 - pixelRow) * rowCount / plot.height)
            let colors = cellColors[row]
            for pixelColumn in 0..<plot.width {
                canvas.blendPixel(x: plot.x + pixelColumn, y: plot.y + pixelRow, color: colors[columnOfPixel[pixelColumn]])
            }
        }
        axes.drawFrame(on: &canvas, style: style)
        colorBar.draw(on: &canvas, beside: plot, style: style)
        return axes.plotRect
    }

    /// The value in colour space: log10(1 + value) on a log scale, else the value itself.
    private func colorValue(_ value: Double) -> Double {
        logScale ? log10(1 + max(value, 0)) : value
    }

    /// The colour bar, with ticks at 0, 1, 10, 100, ... on a log scale.
    private func makeColorBar(minimum: Double, maximum: Double) -> ColorBar {
        guard logScale else {
            return ColorBar.linear(colorMap: colorMap, range: minimum...max(maximum, minimum + 1e-12), label: colorBarLabel)
        }
        let top = log10(1 + max(maximum, 0))
        var ticks: [(fraction: Double, label: String)] = [(0, "0")]
        var power = 1.0
        while power <= maximum, top > 0 {
            ticks.append((log10(1 + power) / top, TickGenerator.formatLogarithmic(power)))
            power *= 10
        }
        return ColorBar(colorMap: colorMap, ticks: ticks, label: colorBarLabel.map { "\($0) (log)" })
    }
}
