/// A scatter plot of 2D points drawn as small anti-aliased dots.
///
/// ```swift
/// let panel = ScatterPanel(
///     title: "samples",
///     points: [(x: 0.5, y: -1.0), (x: 2.0, y: 3.0)],
///     coloring: .continuous(values: [12, 150], colorMap: .viridis, range: 0...198, label: "label c"),
///     xAxis: Axis(limits: -6...6), yAxis: Axis(limits: -6...6))
/// ```
public struct ScatterPanel: Panel {
    /// The text above the panel; none when nil.
    public var title: String?
    /// The points, in data coordinates; drawn in order, later points on top.
    public var points: [(x: Double, y: Double)]
    /// Point colours.
    public var coloring: PointColoring
    /// Dot radius in pixels.
    public var pointRadius: Double
    /// Dot opacity, 0...1; below 1 lets dense regions show through.
    public var opacity: Double
    /// Horizontal axis.
    public var xAxis: Axis
    /// Vertical axis.
    public var yAxis: Axis
    /// Whether one data unit spans equal pixel lengths on both axes.
    public var equalAspect: Bool

    /// Creates a scatter panel.
    public init(
        title: String? = nil, points: [(x: Double, y: Double)], coloring: PointColoring = .uniform(CategoricalPalette.tab10.color(for: 0)),
        pointRadius: Double = 1.5, opacity: Double = 0.8, xAxis: Axis = Axis(), yAxis: Axis = Axis(), equalAspect: Bool = false
    ) {
        self.title = title
        self.points = points
        self.coloring = coloring
        self.pointRadius = pointRadius
        self.opacity = opacity
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.equalAspect = equalAspect
    }

    public func validate() throws {
        if let count = coloring.count, count != points.count {
            throw PlotError("scatter panel '\(title ?? "untitled")': colouring has \(count) entries for \(points.count) points")
        }
        guard pointRadius > 0, pointRadius.isFinite else {
            throw PlotError("scatter panel '\(title ?? "untitled")': point radius must be positive, got \(pointRadius)")
        }
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in frame: PixelRect, style: PlotStyle) -> PixelRect {
        let colorBar = makeColorBar()
        let axes = PanelAxes(
            frame: frame, xAxis: xAxis, xLimits: xAxis.resolvedLimits(for: points.lazy.map(\.x)),
            yAxis: yAxis, yLimits: yAxis.resolvedLimits(for: points.lazy.map(\.y)),
            reservedRight: colorBar?.reservedWidth(style: style) ?? 0, equalAspect: equalAspect, style: style)
        let colorOf = colorFunction()
        canvas.clipped(to: axes.plotRect) { canvas in
            for (index, point) in points.enumerated() {
                guard let pixelX = axes.x.pixel(point.x), let pixelY = axes.y.pixel(point.y) else { continue }
                canvas.fillCircle(centerX: pixelX, centerY: pixelY, radius: pointRadius, color: colorOf(index), opacity: opacity)
            }
        }
        axes.drawFrame(on: &canvas, style: style)
        colorBar?.draw(on: &canvas, beside: axes.plotRect, style: style)
        return axes.plotRect
    }

    /// The colour of point `index`.
    private func colorFunction() -> (Int) -> Color {
        switch coloring {
        case .uniform(let color):
            return { _ in color }
        case .perPoint(let colors):
            return { colors[$0] }
        case .categorical(let indices, let palette):
            return { palette.color(for: indices[$0]) }
        case .continuous(let values, let colorMap, let range, _):
            let resolved = range ?? Self.extent(of: values)
            return { colorMap.color(for: values[$0], in: resolved) }
        }
    }

    /// The colour bar for continuous colouring; nil otherwise.
    private func makeColorBar() -> ColorBar? {
        guard case .continuous(let values, let colorMap, let range, let label) = coloring else { return nil }
        return ColorBar.linear(colorMap: colorMap, range: range ?? Self.extent(of: values), label: label)
    }

    /// min...max of the finite values (0...1 when there are none).
    private static func extent(of values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let lowest = finite.min(), let highest = finite.max() else { return 0...1 }
        return lowest...highest
    }
}
