/// Cosine similarities of paired rows of two embedding matrices, shared by CLIPScore and caption similarity.
enum PairedCosineSimilarities {
    /// Returns `cos(a_i, b_i)` for every row pair, after checking the two sets pair up.
    ///
    /// A zero-length row has no direction; it is rejected rather than given a silent similarity.
    static func compute(_ first: FeatureSet, role firstRole: String, _ second: FeatureSet, role secondRole: String) throws -> [Double] {
        try FeatureMetricsError.checkSameWidth(first, role: firstRole, second, role: secondRole)
        guard first.rows == second.rows else {
            throw FeatureMetricsError.sampleCountMismatch(
                firstRole: firstRole, firstCount: first.rows, secondRole: secondRole, secondCount: second.rows)
        }
        let width = first.columns
        let firstNorms = first.rowSquaredNorms()
        let secondNorms = second.rowSquaredNorms()
        var similarities = [Double](repeating: 0, count: first.rows)
        for row in 0..<first.rows {
            for (norm, role) in [(firstNorms[row], firstRole), (secondNorms[row], secondRole)] where norm == 0 {
                throw FeatureMetricsError.invalidParameter(
                    name: "\(role) embedding row \(row)", value: "all zeros", requirement: "a cosine needs a non-zero vector")
            }
            var dot = 0.0
            for column in 0..<width {
                dot += first.values[row * width + column] * second.values[row * width + column]
            }
            similarities[row] = dot / (firstNorms[row].squareRoot() * secondNorms[row].squareRoot())
        }
        return similarities
    }
}
