/// A square grid over the plane that labels a point by its cell: `c = i + j` for the cell in column i, row j.
///
/// Points outside the grid are clamped to the border cell. With 100 cells per side the labels run 0...198,
/// and the labels near the two ends (the bottom-left and top-right corners) cover few cells, so they are rare.
public struct GridLabeling: Sendable, Equatable {
    /// The lower bound of both coordinates.
    public let lower: Double
    /// The upper bound of both coordinates.
    public let upper: Double
    /// Cells along each side.
    public let cellsPerSide: Int

    public init(lower: Double = -6, upper: Double = 6, cellsPerSide: Int = 100) {
        precondition(upper > lower && cellsPerSide > 0, "grid needs upper > lower and at least one cell")
        self.lower = lower
        self.upper = upper
        self.cellsPerSide = cellsPerSide
    }

    /// The number of distinct labels, `2 · cellsPerSide - 1`.
    public var labelCount: Int { 2 * cellsPerSide - 1 }

    /// The cell index of one coordinate, clamped into the grid.
    public func cellIndex(_ coordinate: Double) -> Int {
        let scaled = (coordinate - lower) / (upper - lower) * Double(cellsPerSide)
        guard scaled.isFinite else { return scaled > 0 ? cellsPerSide - 1 : 0 }
        return Swift.min(Swift.max(Int(scaled.rounded(.down)), 0), cellsPerSide - 1)
    }

    /// The (column, row) cell of a point.
    public func cell(x: Double, y: Double) -> (column: Int, row: Int) { (cellIndex(x), cellIndex(y)) }

    /// The caption token of a point: column + row of its cell.
    public func label(x: Double, y: Double) -> Int {
        let (column, row) = cell(x: x, y: y)
        return column + row
    }

    /// Labels of `[N, 2]` points stored row-major as `[x0, y0, x1, y1, ...]`.
    public func labels(points: [Float]) -> [Int] {
        stride(from: 0, to: points.count - 1, by: 2).map { label(x: Double(points[$0]), y: Double(points[$0 + 1])) }
    }
}
