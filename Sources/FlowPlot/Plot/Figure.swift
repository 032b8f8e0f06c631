import Foundation

/// A grid of panels (rows x columns) with an optional title and row labels, rendered to PNG.
///
/// Every cell is `panelWidth` x `panelHeight` pixels, its title included; row labels sit in a
/// column on the left, vertically centred on each row's plot areas.
///
/// ```swift
/// var figure = Figure(rows: 1, columns: 2, title: "run 17")
/// figure[0, 0] = LinePanel(title: "loss", series: [LineSeries(name: "train", values: losses)])
/// figure[0, 1] = ScatterPanel(title: "samples", points: samples, xAxis: Axis(limits: -6...6), yAxis: Axis(limits: -6...6))
/// try figure.writePNG(to: runDirectory.appendingPathComponent("figure.png"))
/// ```
public struct Figure: Sendable {
    /// Number of panel rows.
    public let rows: Int
    /// Number of panel columns.
    public let columns: Int
    /// Width of each cell in pixels.
    public var panelWidth: Int
    /// Height of each cell in pixels, its title included.
    public var panelHeight: Int
    /// Text across the top of the figure; none when nil.
    public var title: String?
    /// One label per row, drawn to the left of the row; empty for none.
    public var rowLabels: [String]
    /// Colours, text sizes and spacing.
    public var style: PlotStyle
    /// The panels in row-major order; nil cells stay blank.
    private var panels: [(any Panel)?]

    /// Creates an empty figure of `rows` x `columns` cells.
    public init(
        rows: Int, columns: Int, panelWidth: Int = 480, panelHeight: Int = 420, title: String? = nil,
        rowLabels: [String] = [], style: PlotStyle = PlotStyle()
    ) {
        precondition(rows > 0 && columns > 0, "Figure needs at least one row and column, got \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
        self.title = title
        self.rowLabels = rowLabels
        self.style = style
        self.panels = Array(repeating: nil, count: rows * columns)
    }

    /// The panel in cell (`row`, `column`), counted from the top-left from 0.
    public subscript(row: Int, column: Int) -> (any Panel)? {
        get {
            precondition((0..<rows).contains(row) && (0..<columns).contains(column), "cell (\(row), \(column)) is outside the \(rows) x \(columns) figure")
            return panels[row * columns + column]
        }
        set {
            precondition((0..<rows).contains(row) && (0..<columns).contains(column), "cell (\(row), \(column)) is outside the \(rows) x \(columns) figure")
            panels[row * columns + column] = newValue
        }
    }

    /// The size of the rendered image in pixels.
    public var pixelSize: (width: Int, height: Int) {
        let layout = FigureLayout(figure: self)
        return (layout.width, layout.height)
    }

    /// Draws every panel, title and label into a new canvas.
    ///
    /// Throws when a panel's data is inconsistent or the row labels do not match the rows.
    public func render() throws -> Canvas {
        guard rowLabels.isEmpty || rowLabels.count == rows else {
            throw PlotError("figure '\(title ?? "untitled")' has \(rowLabels.count) row labels for \(rows) rows")
        }
        guard panelWidth >= 64, panelHeight >= 64 else {
            throw PlotError("figure '\(title ?? "untitled")': panels must be at least 64 x 64 pixels, got \(panelWidth) x \(panelHeight)")
        }
        for panel in panels {
            try panel?.validate()
        }
        let layout = FigureLayout(figure: self)
        var canvas = Canvas(width: layout.width, height: layout.height, background: style.background)
        if let title {
            canvas.drawText(
                title, anchorX: layout.width / 2, anchorY: style.padding * 2, horizontal: .center, vertical: .top,
                scale: style.figureTitleScale, color: style.foreground)
        }
        for row in 0..<rows {
            var rowPlotAreas: [PixelRect] = []
            for column in 0..<columns {
                guard let panel = self[row, column] else { continue }
                let cell = layout.cell(row: row, column: column)
                let titleBand = panel.title == nil ? 0 : style.titleHeight + style.padding
                let frame = cell.inset(top: titleBand + style.padding / 2, bottom: style.padding / 2)
                let plotArea = panel.draw(on: &canvas, in: frame, style: style)
                rowPlotAreas.append(plotArea)
                if let panelTitle = panel.title {
                    canvas.drawText(
                        panelTitle, anchorX: plotArea.x + plotArea.width / 2, anchorY: plotArea.y - style.padding,
                        horizontal: .center, vertical: .bottom, scale: style.titleScale, color: style.foreground)
                }
            }
            if !rowLabels.isEmpty {
                let band = rowPlotAreas.first ?? layout.cell(row: row, column: 0)
                canvas.drawText(
                    rowLabels[row], anchorX: layout.rowLabelRight, anchorY: band.y + band.height / 2,
                    horizontal: .right, vertical: .middle, scale: style.titleScale, color: style.foreground)
            }
        }
        return canvas
    }

    /// The PNG file bytes of the rendered figure.
    public func pngData() throws -> Data {
        try render().pngData()
    }

    /// Renders the figure and writes it as a PNG file at `url`, atomically.
    public func writePNG(to url: URL) throws {
        try render().writePNG(to: url)
    }
}
