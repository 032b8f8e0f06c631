/// A vertical colour scale drawn to the right of a plot area, with labelled ticks.
struct ColorBar {
    /// The colour map shown, low values at the bottom.
    let colorMap: ColorMap
    /// Tick positions as fractions of the bar (0 = bottom) and their labels.
    let ticks: [(fraction: Double, label: String)]
    /// Text along the bar's right side; none when nil.
    let label: String?

    /// A colour bar for values spread linearly over `range`.
    static func linear(colorMap: ColorMap, range: ClosedRange<Double>, label: String?) -> ColorBar {
        let span = range.upperBound - range.lowerBound
        let ticks = TickGenerator.linearTicks(in: range, targetCount: 5).map { tick in
            (fraction: span > 0 ? (tick.value - range.lowerBound) / span : 0.5, label: tick.label)
        }
        return ColorBar(colorMap: colorMap, ticks: ticks, label: label)
    }

    /// Horizontal space the bar needs beside the plot, gap included.
    func reservedWidth(style: PlotStyle) -> Int {
        let labelWidth = ticks.map { Canvas.textSize($0.label, scale: style.labelScale).width }.max() ?? 0
        let barWidth = 4 * style.labelScale + 6
        var width = style.padding + barWidth + style.tickLength + style.padding / 2 + labelWidth
        if label != nil { width += style.padding + BitmapFont.glyphHeight * style.labelScale }
        return width + style.padding / 2
    }

    /// Draws the bar, as tall as `plotRect`, in the space reserved to its right.
    func draw(on canvas: inout Canvas, beside plotRect: PixelRect, style: PlotStyle) {
        let barWidth = 4 * style.labelScale + 6
        let bar = PixelRect(x: plotRect.maxX + 1 + style.padding, y: plotRect.y, width: barWidth, height: plotRect.height)
        for row in 0..<bar.height {
            let fraction = bar.height > 1 ? 1 - Double(row) / Double(bar.height - 1) : 0.5
            canvas.fillRect(PixelRect(x: bar.x, y: bar.y + row, width: bar.width, height: 1), color: colorMap.color(at: fraction))
        }
        let outline = PixelRect(x: bar.x - 1, y: bar.y - 1, width: bar.width + 2, height: bar.height + 2)
        canvas.strokeRect(outline, color: style.foreground)
        var labelWidth = 0
        for tick in ticks {
            let row = bar.y + Int(((1 - tick.fraction) * Double(bar.height - 1)).rounded())
            canvas.fillRect(PixelRect(x: outline.maxX, y: row, width: style.tickLength, height: 1), color: style.foreground)
            canvas.drawText(
                tick.label, anchorX: outline.maxX + style.tickLength + style.padding / 2, anchorY: row + 1,
                horizontal: .left, vertical: .middle, scale: style.labelScale, color: style.foreground)
            labelWidth = max(labelWidth, Canvas.textSize(tick.label, scale: style.labelScale).width)
        }
        if let label {
            let left = outline.maxX + style.tickLength + style.padding / 2 + labelWidth + style.padding
            let length = Canvas.textSize(label, scale: style.labelScale).width
            canvas.drawVerticalText(label, x: left, y: bar.y + (bar.height - length) / 2, scale: style.labelScale, color: style.foreground)
        }
    }
}
