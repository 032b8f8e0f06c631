import FlowData

/// What a shapes suite needs to know about the data while it prepares, checked with an ``EvaluatorSuiteError``.
extension EvaluationContext {
    /// The `shapes` settings; throws when the data set is not `shapes`.
    func requiredShapes(for suite: String) throws -> ShapesConfiguration {
        guard let shapes else {
            throw EvaluatorSuiteError(suite: suite, "scores shapes data, but the data set is not shapes (remove it from eval.metrics)")
        }
        return shapes
    }
}
