/// One cell of a `Figure`: a titled plot that draws itself into a pixel frame.
///
/// FlowPlot provides `ScatterPanel`, `HeatmapPanel` and `LinePanel`; other types may conform too.
public protocol Panel: Sendable {
    /// The text above the panel; none when nil.
    var title: String? { get }

    /// Throws a `PlotError` naming the problem when the panel's data cannot be drawn (e.g. mismatched counts).
    func validate() throws

    /// Draws the panel (axes, data, colour bar or legend; not the title) inside `frame`.
    ///
    /// Returns the plot area (inside the axes frame), over which the figure centres the title.
    @discardableResult
    func draw(on canvas: inout Canvas, in frame: PixelRect, style: PlotStyle) -> PixelRect
}
