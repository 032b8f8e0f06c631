import Foundation
import FlowTensor

/// Fixed 2-D sine-cosine positions of a square grid of patches (MAE's `get_2d_sincos_pos_embed`, used by DiT).
///
/// For width D and a `side × side` grid, token `(row, column)` (row-major) gets
/// `[sin(column ω), cos(column ω), sin(row ω), cos(row ω)]` with `ωᵢ = 10000^(-i/(D/4))`, i < D/4: the first
/// half encodes the column (MAE's `grid[0]` is the w coordinate), the second the row.
public enum SinCosPositionEmbedding {
    /// The `[side², width]` table, computed in float64 and stored in `dtype`.
    public static func table(width: Int, side: Int, dtype: DType = .float32) -> Tensor {
        precondition(width % 4 == 0, "2-D sin-cos positions need a width divisible by 4, got \(width)")
        let quarter = width / 4
        let omega = (0..<quarter).map { 1 / Foundation.pow(10_000, Double($0) / Double(quarter)) }
        var values: [Double] = []
        values.reserveCapacity(side * side * width)
        for row in 0..<side {
            for column in 0..<side {
                for position in [Double(column), Double(row)] {
                    values += omega.map { Foundation.sin(position * $0) }
                    values += omega.map { Foundation.cos(position * $0) }
                }
            }
        }
        return Tensor(shape: [side * side, width], scalars: values).converted(to: dtype)
    }

    /// The `[length, width]` table of 1-D positions `0..<length` (MAE's `get_1d_sincos_pos_embed_from_grid`):
    /// `[sin(p ω), cos(p ω)]` with `ωᵢ = 10000^(-i/(D/2))`, i < D/2; computed in float64, stored in `dtype`.
    public static func table1D(width: Int, length: Int, dtype: DType = .float32) -> Tensor {
        precondition(width % 2 == 0, "1-D sin-cos positions need an even width, got \(width)")
        let half = width / 2
        let omega = (0..<half).map { 1 / Foundation.pow(10_000, Double($0) / Double(half)) }
        var values: [Double] = []
        values.reserveCapacity(length * width)
        for position in 0..<length {
            values += omega.map { Foundation.sin(Double(position) * $0) }
            values += omega.map { Foundation.cos(Double(position) * $0) }
        }
        return Tensor(shape: [length, width], scalars: values).converted(to: dtype)
    }
}
