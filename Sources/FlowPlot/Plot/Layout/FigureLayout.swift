/// Where the title, row-label column and cells of a `Figure` go.
struct FigureLayout {
    /// Total image width.
    let width: Int
    /// Total image height.
    let height: Int
    /// Right edge of the row-label column (labels are right-aligned to it).
    let rowLabelRight: Int
    /// Top-left corner of cell (0, 0).
    private let gridOrigin: (x: Int, y: Int)
    private let panelWidth: Int
    private let panelHeight: Int

    /// Computes the layout of `figure`.
    init(figure: Figure) {
        let style = figure.style
        let margin = style.padding * 2
        let labelWidth = figure.rowLabels.map { Canvas.textSize($0, scale: style.titleScale).width }.max() ?? 0
        let labelColumn = labelWidth > 0 ? labelWidth + style.padding : 0
        let titleBand = figure.title == nil ? 0 : BitmapFont.glyphHeight * style.figureTitleScale + style.padding * 2
        panelWidth = figure.panelWidth
        panelHeight = figure.panelHeight
        rowLabelRight = margin + labelWidth
        gridOrigin = (margin + labelColumn, margin / 2 + titleBand + (figure.title == nil ? 0 : style.padding))
        width = gridOrigin.x + figure.columns * panelWidth + margin
        height = gridOrigin.y + figure.rows * panelHeight + margin / 2
    }

    /// The rectangle of cell (`row`, `column`).
    func cell(row: Int, column: Int) -> PixelRect {
        PixelRect(x: gridOrigin.x + column * panelWidth, y: gridOrigin.y + row * panelHeight, width: panelWidth, height: panelHeight)
    }
}
