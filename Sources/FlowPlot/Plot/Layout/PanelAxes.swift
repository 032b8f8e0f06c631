/// The laid-out axes of one panel: where the plot area is, how data maps to pixels, and the ticks.
struct PanelAxes {
    /// The rectangle data is drawn in; the axes frame surrounds it.
    let plotRect: PixelRect
    /// Horizontal data-to-pixel mapping.
    let x: AxisTransform
    /// Vertical data-to-pixel mapping (larger values higher up).
    let y: AxisTransform
    /// Ticks on the x axis.
    let xTicks: [Tick]
    /// Ticks on the y axis.
    let yTicks: [Tick]
    /// Axis descriptions, for their labels.
    let xAxis: Axis
    let yAxis: Axis

    /// Lays out axes inside `frame`, leaving `reservedRight` pixels on the right (for a colour bar).
    ///
    /// With `equalAspect`, one data unit spans as many pixels horizontally as vertically.
    init(
        frame: PixelRect, xAxis: Axis, xLimits: ClosedRange<Double>, yAxis: Axis, yLimits: ClosedRange<Double>,
        reservedRight: Int, equalAspect: Bool, style: PlotStyle
    ) {
        let scale = style.labelScale
        let probeX = AxisTransform(limits: xLimits, scale: xAxis.scale, pixelAtLower: 0, pixelAtUpper: 1)
        let probeY = AxisTransform(limits: yLimits, scale: yAxis.scale, pixelAtLower: 0, pixelAtUpper: 1)
        let xTicks = probeX.ticks(targetCount: max(3, min(8, frame.width / (40 * scale))))
        let yTicks = probeY.ticks(targetCount: max(3, min(8, frame.height / (30 * scale))))

        let yLabelWidth = yTicks.map { Canvas.textSize($0.label, scale: scale).width }.max() ?? 0
        let lastXLabelHalf = (xTicks.last.map { Canvas.textSize($0.label, scale: scale).width } ?? 0) / 2
        let left = style.tickLength + style.padding / 2 + yLabelWidth + (yAxis.label == nil ? 0 : style.labelHeight + style.padding)
        let bottom = style.tickLength + style.padding / 2 + style.labelHeight + (xAxis.label == nil ? 0 : style.labelHeight + style.padding)
        let top = style.labelHeight / 2 + 2
        let right = max(reservedRight, lastXLabelHalf + 2)
        var plot = frame.inset(left: left, top: top, right: right, bottom: bottom)

        if equalAspect {
            let xSpan = probeX.transformed(xLimits.upperBound) - probeX.transformed(xLimits.lowerBound)
            let ySpan = probeY.transformed(yLimits.upperBound) - probeY.transformed(yLimits.lowerBound)
            if xSpan > 0, ySpan > 0 {
                let dataAspect = xSpan / ySpan
                if Double(plot.width) > dataAspect * Double(plot.height) {
                    let width = Int((dataAspect * Double(plot.height)).rounded())
                    plot.x += (plot.width - width) / 2
                    plot.width = width
                } else {
                    plot.height = Int((Double(plot.width) / dataAspect).rounded())
                }
            }
        }
        self.plotRect = plot
        self.x = AxisTransform(limits: xLimits, scale: xAxis.scale, pixelAtLower: Double(plot.x), pixelAtUpper: Double(plot.maxX))
        self.y = AxisTransform(limits: yLimits, scale: yAxis.scale, pixelAtLower: Double(plot.maxY), pixelAtUpper: Double(plot.y))
        self.xTicks = xTicks
        self.yTicks = yTicks
        self.xAxis = xAxis
        self.yAxis = yAxis
    }

    /// Light grid lines at every tick, drawn under the data.
    func drawGrid(on canvas: inout Canvas, style: PlotStyle) {
        for tick in xTicks {
            guard let pixel = x.pixel(tick.value) else { continue }
            canvas.fillRect(PixelRect(x: min(Int(pixel), plotRect.maxX - 1), y: plotRect.y, width: 1, height: plotRect.height), color: style.gridColor)
        }
        for tick in yTicks {
            guard let pixel = y.pixel(tick.value) else { continue }
            canvas.fillRect(PixelRect(x: plotRect.x, y: min(Int(pixel), plotRect.maxY - 1), width: plotRect.width, height: 1), color: style.gridColor)
        }
    }

    /// The frame around the plot area, tick marks, tick labels and axis labels.
    func drawFrame(on canvas: inout Canvas, style: PlotStyle) {
        let ink = style.foreground
        let scale = style.labelScale
        let outer = PixelRect(x: plotRect.x - 1, y: plotRect.y - 1, width: plotRect.width + 2, height: plotRect.height + 2)
        canvas.strokeRect(outer, color: ink)

        for tick in xTicks {
            guard let pixel = x.pixel(tick.value) else { continue }
            let column = min(Int(pixel), plotRect.maxX - 1)
            canvas.fillRect(PixelRect(x: column, y: outer.maxY, width: 1, height: style.tickLength), color: ink)
            canvas.drawText(
                tick.label, anchorX: column + 1, anchorY: outer.maxY + style.tickLength + style.padding / 2,
                horizontal: .center, vertical: .top, scale: scale, color: ink)
        }
        for tick in yTicks {
            guard let pixel = y.pixel(tick.value) else { continue }
            let row = min(Int(pixel), plotRect.maxY - 1)
            canvas.fillRect(PixelRect(x: outer.x - style.tickLength, y: row, width: style.tickLength, height: 1), color: ink)
            canvas.drawText(
                tick.label, anchorX: outer.x - style.tickLength - style.padding / 2, anchorY: row + 1,
                horizontal: .right, vertical: .middle, scale: scale, color: ink)
        }
        if let label = xAxis.label {
            let top = outer.maxY + style.tickLength + style.padding / 2 + style.labelHeight + style.padding
            canvas.drawText(label, anchorX: plotRect.x + plotRect.width / 2, anchorY: top, horizontal: .center, vertical: .top, scale: scale, color: ink)
        }
        if let label = yAxis.label {
            let yLabelWidth = yTicks.map { Canvas.textSize($0.label, scale: scale).width }.max() ?? 0
            let left = outer.x - style.tickLength - style.padding / 2 - yLabelWidth - style.padding - style.labelHeight
            let length = Canvas.textSize(label, scale: scale).width
            canvas.drawVerticalText(label, x: left, y: plotRect.y + (plotRect.height - length) / 2, scale: scale, color: ink)
        }
    }
}
