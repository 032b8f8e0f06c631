import FlowTensor

/// A 2 × 2 checkerboard on [-2, 2)² with cells of side 2: points uniform on the two dark cells,
/// `[-2, 0)²` and `[0, 2)²` (where both coordinates have the same sign).
enum Checkerboard {
    /// `count` points `[count, 2]`.
    static func sample(_ count: Int, generator: inout RandomGenerator) -> Tensor {
        let cells = generator.integers(count, below: 2)
        let offsets = generator.uniform(2 * count)
        var points = [Float](repeating: 0, count: 2 * count)
        for i in 0..<count {
            points[2 * i] = Float(2 * Double(cells[i]) + 2 * offsets[2 * i] - 2)
            points[2 * i + 1] = Float(2 * Double(cells[i]) + 2 * offsets[2 * i + 1] - 2)
        }
        return Tensor(shape: [count, 2], scalars: points)
    }

    /// The fraction of the `[N, 2]` points that lie on a dark cell.
    static func fractionOnDarkCells(_ points: Tensor) -> Double {
        let values = points.doubles
        var inside = 0
        for i in 0..<points.shape[0] {
            let (x, y) = (values[2 * i], values[2 * i + 1])
            guard (-2..<2).contains(x), (-2..<2).contains(y) else { continue }
            if (x < 0) == (y < 0) { inside += 1 }
        }
        return Double(inside) / Double(points.shape[0])
    }
}
