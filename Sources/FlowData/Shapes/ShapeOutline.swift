/// The inside test of one shape around its centre, using only exactly rounded `Float` arithmetic.
///
/// Coordinates are relative to the object's centre, y pointing down. The outlines are scaled so the
/// four shapes look about equally large for one radius r: a circle of radius r, a square of half-side
/// 0.84 r, a diamond of half-diagonal 1.06 r and an upward triangle with apex 1.08 r above the centre
/// and its base 0.8 r below, 2.1 r wide.
struct ShapeOutline {
    let shape: ShapeKind
    let radius: Float

    @inline(__always)
    func contains(x: Float, y: Float) -> Bool {
        let r = radius
        switch shape {
        case .circle:
            return x * x + y * y <= r * r
        case .square:
            let half = 0.84 * r
            return abs(x) <= half && abs(y) <= half
        case .diamond:
            return abs(x) + abs(y) <= 1.06 * r
        case .triangle:
            let apex = 1.08 * r, base = 0.8 * r, halfWidth = 1.05 * r
            // Inside when above the base and within the two slanted sides: |x| / halfWidth <= (y + apex) / (base + apex).
            return y <= base && abs(x) * (base + apex) <= halfWidth * (y + apex)
        }
    }
}
