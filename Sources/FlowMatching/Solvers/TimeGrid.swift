/// Time grids for the fixed-step solvers.
public enum TimeGrid {
    /// `steps + 1` evenly spaced times from `start` to `end` (a descending grid when `end < start`).
    public static func uniform(steps: Int, from start: Double = 0, to end: Double = 1) -> [Double] {
        precondition(steps > 0, "TimeGrid.uniform: steps must be positive, got \(steps)")
        return (0...steps).map { $0 == steps ? end : start + (end - start) * Double($0) / Double(steps) }
    }
}
