/// One or more named curves on shared axes with a grid and a legend (e.g. training curves).
///
/// ```swift
/// let losses = LinePanel(
///     title: "training loss",
///     series: [LineSeries(name: "train", values: [1.0, 0.6, 0.4]), LineSeries(name: "val", values: [1.1, 0.7, 0.5])],
///     xAxis: Axis(label: "epoch"), yAxis: Axis(label: "loss", scale: .logarithmic))
/// ```
public struct LinePanel: Panel {
    /// The text above the panel; none when nil.
    public var title: String?
    /// The curves, drawn in order.
    public var series: [LineSeries]
    /// Horizontal axis.
    public var xAxis: Axis
    /// Vertical axis.
    public var yAxis: Axis
    /// Colours for series without their own.
    public var palette: CategoricalPalette
    /// Whether to draw the legend box (in the plot corner that hides the fewest points).
    public var showsLegend: Bool

    /// Creates a line panel.
    public init(
        title: String? = nil, series: [LineSeries], xAxis: Axis = Axis(), yAxis: Axis = Axis(),
        palette: CategoricalPalette = .tab10, showsLegend: Bool = true
    ) {
        self.title = title
        self.series = series
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.palette = palette
        self.showsLegend = showsLegend
    }

    public func validate() throws {
        for (index, line) in series.enumerated() where line.xs.count != line.ys.count {
            throw PlotError("line panel '\(title ?? "untitled")': series \(index) '\(line.name)' has \(line.xs.count) x values and \(line.ys.count) y values")
        }
    }

    @discardableResult
    public func draw(on canvas: inout Canvas, in frame: PixelRect, style: PlotStyle) -> PixelRect {
        let axes = PanelAxes(
            frame: frame, xAxis: xAxis, xLimits: xAxis.resolvedLimits(for: series.lazy.flatMap(\.xs)),
            yAxis: yAxis, yLimits: yAxis.resolvedLimits(for: series.lazy.flatMap(\.ys)),
            reservedRight: 0, equalAspect: false, style: style)
        axes.drawGrid(on: &canvas, style: style)
        canvas.clipped(to: axes.plotRect) { canvas in
            for (index, line) in series.enumerated() {
                let color = line.color ?? palette.color(for: index)
                var previous: (x: Double, y: Double)?
                for (x, y) in zip(line.xs, line.ys) {
                    guard let pixelX = axes.x.pixel(x), let pixelY = axes.y.pixel(y) else {
                        previous = nil
                        continue
                    }
                    if let start = previous {
                        canvas.drawLine(fromX: start.x, fromY: start.y, toX: pixelX, toY: pixelY, color: color, lineWidth: line.lineWidth)
                    } else {
                        canvas.fillCircle(centerX: pixelX, centerY: pixelY, radius: line.lineWidth / 2, color: color)
                    }
                    previous = (pixelX, pixelY)
                }
            }
        }
        axes.drawFrame(on: &canvas, style: style)
        if showsLegend, !series.isEmpty {
            drawLegend(on: &canvas, axes: axes, style: style)
        }
        return axes.plotRect
    }

    /// A boxed list of colour swatches and series names, in the plot corner covering the fewest data points.
    private func drawLegend(on canvas: inout Canvas, axes: PanelAxes, style: PlotStyle) {
        let plotRect = axes.plotRect
        let scale = style.labelScale
        let swatchLength = 10 * scale
        let lineHeight = BitmapFont.glyphHeight * scale + style.padding / 2
        let nameWidth = series.map { Canvas.textSize($0.name, scale: scale).width }.max() ?? 0
        let width = swatchLength + nameWidth + 2 * style.padding
        let height = series.count * lineHeight + style.padding / 2
        let inset = style.padding / 2
        let corners = [
            PixelRect(x: plotRect.maxX - inset - width, y: plotRect.y + inset, width: width, height: height),
            PixelRect(x: plotRect.x + inset, y: plotRect.y + inset, width: width, height: height),
            PixelRect(x: plotRect.maxX - inset - width, y: plotRect.maxY - inset - height, width: width, height: height),
            PixelRect(x: plotRect.x + inset, y: plotRect.maxY - inset - height, width: width, height: height),
        ]
        let box = corners.min { coveredPoints($0, axes: axes) < coveredPoints($1, axes: axes) } ?? corners[0]
        canvas.fillRect(box, color: style.background)
        canvas.strokeRect(box, color: style.gridColor.mixed(with: style.foreground, fraction: 0.3))
        for (index, line) in series.enumerated() {
            let centerY = Double(box.y + style.padding / 2 + index * lineHeight) + Double(BitmapFont.capitalHeight * scale) / 2
            let left = Double(box.x + style.padding / 2)
            canvas.drawLine(
                fromX: left, fromY: centerY, toX: left + Double(swatchLength), toY: centerY,
                color: line.color ?? palette.color(for: index), lineWidth: line.lineWidth)
            canvas.drawText(
                line.name, x: box.x + style.padding + swatchLength, y: box.y + style.padding / 2 + index * lineHeight,
                scale: scale, color: style.foreground)
        }
    }

    /// How many data points (and interpolated midpoints of segments) fall inside `rect`.
    private func coveredPoints(_ rect: PixelRect, axes: PanelAxes) -> Int {
        var count = 0
        func check(_ x: Double, _ y: Double) {
            if x >= Double(rect.x), x < Double(rect.maxX), y >= Double(rect.y), y < Double(rect.maxY) { count += 1 }
        }
        for line in series {
            var previous: (x: Double, y: Double)?
            for (x, y) in zip(line.xs, line.ys) {
                guard let pixelX = axes.x.pixel(x), let pixelY = axes.y.pixel(y) else {
                    previous = nil
                    continue
                }
                check(pixelX, pixelY)
                if let start = previous {
                    for step in 1..<8 {
                        let t = Double(step) / 8
                        check(start.x + t * (pixelX - start.x), start.y + t * (pixelY - start.y))
                    }
                }
                previous = (pixelX, pixelY)
            }
        }
        return count
    }
}
