import CBLAS

/// The mean and covariance of a feature set, the summary FID compares.
///
/// The covariance divides by `N - 1` (as `np.cov` does) and is computed in Float64 by a
/// rank-k update (`dsyrk`) of the centred data, in row blocks so no centred copy of a large set is made.
public struct GaussianStatistics: Sendable {
    /// The feature width `d`.
    public let dimension: Int
    /// The mean vector, length `d`.
    public let mean: [Double]
    /// The covariance matrix, `d x d`, row-major and exactly symmetric.
    public let covariance: [Double]

    /// Creates statistics from a precomputed mean and covariance (for example a saved `.npz`).
    ///
    /// - Throws: `FeatureMetricsError.shapeMismatch` when the sizes disagree.
    public init(mean: [Double], covariance: [Double]) throws {
        guard covariance.count == mean.count * mean.count, !mean.isEmpty else {
            throw FeatureMetricsError.shapeMismatch(rows: mean.count, columns: mean.count, valueCount: covariance.count)
        }
        if let bad = (mean + covariance).firstIndex(where: { !$0.isFinite }) {
            let inMean = bad < mean.count
            let index = inMean ? bad : bad - mean.count
            throw FeatureMetricsError.invalidParameter(
                name: inMean ? "mean[\(index)]" : "covariance[\(index / mean.count)][\(index % mean.count)]",
                value: "\((mean + covariance)[bad])", requirement: "statistics must be finite")
        }
        self.dimension = mean.count
        self.mean = mean
        self.covariance = covariance
    }

    /// Computes the mean and the `N - 1` covariance of a feature set.
    ///
    /// - Parameter role: names the set in errors ("real", "fake").
    /// - Throws: `FeatureMetricsError.empty` or `.tooFewSamples` when `rows < 2`.
    public init(features: FeatureSet, role: String = "feature") throws {
        guard features.rows > 0, features.columns > 0 else { throw FeatureMetricsError.empty(role: role) }
        guard features.rows >= 2 else {
            throw FeatureMetricsError.tooFewSamples(
                role: role, count: features.rows, required: 2, metric: "a covariance with N - 1")
        }
        let rows = features.rows
        let width = features.columns
        var mean = [Double](repeating: 0, count: width)
        features.values.withUnsafeBufferPointer { values in
            for row in 0..<rows {
                for column in 0..<width {
                    mean[column] += values[row * width + column]
                }
            }
        }
        for column in 0..<width { mean[column] /= Double(rows) }

        var covariance = [Double](repeating: 0, count: width * width)
        let blockRows = min(rows, 4096)
        var centred = [Double](repeating: 0, count: blockRows * width)
        var start = 0
        while start < rows {
            let count = min(blockRows, rows - start)
            features.values.withUnsafeBufferPointer { values in
                for row in 0..<count {
                    for column in 0..<width {
                        centred[row * width + column] = values[(start + row) * width + column] - mean[column]
                    }
                }
            }
            // covariance (upper triangle) += centred^T centred
            cblas_dsyrk(
                CblasRowMajor, CblasUpper, CblasTrans, Int32(width), Int32(count),
                1.0, centred, Int32(width), start == 0 ? 0.0 : 1.0, &covariance, Int32(width))
            start += count
        }
        let scale = 1.0 / Double(rows - 1)
        for row in 0..<width {
            for column in row..<width {
                let value = covariance[row * width + column] * scale
                covariance[row * width + column] = value
                covariance[column * width + row] = value
            }
        }
        self.dimension = width
        self.mean = mean
        self.covariance = covariance
    }
}
