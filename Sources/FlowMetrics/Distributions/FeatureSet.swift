/// A set of feature vectors: `rows` samples of `columns` features each, stored row-major in Float64.
///
/// Storage is Float64 on purpose: every statistic (mean, covariance, kernel sums, pairwise
/// distances) is computed in Float64 as the reference tools do, and Float32 inputs (`.npy '<f4'`,
/// HDF5 float datasets) widen to Float64 exactly, so one storage type serves both. The cost is
/// 8 bytes per value: 50,000 x 2,048 Inception features take 819 MB.
///
/// Construction checks the shape and rejects NaN and infinity, so every metric can assume clean input.
public struct FeatureSet: Sendable {
    /// The number of samples (matrix rows).
    public let rows: Int
    /// The width of each feature vector (matrix columns).
    public let columns: Int
    /// The values, row-major: sample `i`, feature `j` is `values[i * columns + j]`.
    public let values: [Double]

    /// Creates a feature set from row-major Float64 values.
    ///
    /// - Throws: `FeatureMetricsError.shapeMismatch` when `values.count != rows * columns`,
    ///   `FeatureMetricsError.nonFiniteValue` when a value is NaN or infinite.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, count == values.count else {
            throw FeatureMetricsError.shapeMismatch(rows: rows, columns: columns, valueCount: values.count)
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw FeatureMetricsError.nonFiniteValue(row: bad / max(columns, 1), column: bad % max(columns, 1))
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Creates a feature set from row-major Float32 values, widened exactly to Float64.
    ///
    /// - Throws: the same errors as `init(rows:columns:values:)` for `[Double]`.
    public init(rows: Int, columns: Int, float32Values values: [Float]) throws {
        try self.init(rows: rows, columns: columns, values: values.map { Double($0) })
    }

    /// Creates a feature set without validation, for values this module computed itself.
    init(uncheckedRows rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "FeatureSet: \(values.count) values for \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Returns the feature set made of the given rows, in the given order.
    func selectingRows(_ indices: [Int]) -> FeatureSet {
        var selected = [Double](repeating: 0, count: indices.count * columns)
        values.withUnsafeBufferPointer { source in
            selected.withUnsafeMutableBufferPointer { target in
                for (position, row) in indices.enumerated() {
                    precondition(row >= 0 && row < rows, "FeatureSet: row \(row) out of 0..<\(rows)")
                    for column in 0..<columns {
                        target[position * columns + column] = source[row * columns + column]
                    }
                }
            }
        }
        return FeatureSet(uncheckedRows: indices.count, columns: columns, values: selected)
    }

    /// Returns `|x_i|^2` for every row `x_i`.
    func rowSquaredNorms() -> [Double] {
        var norms = [Double](repeating: 0, count: rows)
        values.withUnsafeBufferPointer { source in
            for row in 0..<rows {
                var sum = 0.0
                for column in 0..<columns {
                    let value = source[row * columns + column]
                    sum += value * value
                }
                norms[row] = sum
            }
        }
        return norms
    }
}
