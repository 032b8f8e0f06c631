/// One named curve of a `LinePanel`, e.g. a training loss against steps.
public struct LineSeries: Sendable {
    /// The name shown in the legend.
    public var name: String
    /// Horizontal coordinates, one per point.
    public var xs: [Double]
    /// Vertical coordinates, one per point; non-finite values break the line.
    public var ys: [Double]
    /// The line colour; nil takes the panel palette's next colour.
    public var color: Color?
    /// Line width in pixels.
    public var lineWidth: Double

    /// Creates a series from matching coordinate arrays.
    public init(name: String, xs: [Double], ys: [Double], color: Color? = nil, lineWidth: Double = 2) {
        self.name = name
        self.xs = xs
        self.ys = ys
        self.color = color
        self.lineWidth = lineWidth
    }

    /// Creates a series whose x coordinates are 0, 1, 2, ...
    public init(name: String, values: [Double], color: Color? = nil, lineWidth: Double = 2) {
        self.init(name: name, xs: values.indices.map(Double.init), ys: values, color: color, lineWidth: lineWidth)
    }
}
