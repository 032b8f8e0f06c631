/// An error from the distribution metrics: what was wrong with the feature sets or parameters.
public enum FeatureMetricsError: Error, Equatable, Sendable {
    /// The value count does not match `rows x columns`.
    case shapeMismatch(rows: Int, columns: Int, valueCount: Int)
    /// A feature value is NaN or infinite.
    case nonFiniteValue(row: Int, column: Int)
    /// A feature set (`role` is "real", "fake", "image", ...) has no samples or no features.
    case empty(role: String)
    /// Two feature sets that must have the same width do not.
    case widthMismatch(firstRole: String, firstWidth: Int, secondRole: String, secondWidth: Int)
    /// Two feature sets that must be paired row by row have different sample counts.
    case sampleCountMismatch(firstRole: String, firstCount: Int, secondRole: String, secondCount: Int)
    /// A feature set has fewer samples than a metric needs.
    case tooFewSamples(role: String, count: Int, required: Int, metric: String)
    /// A metric parameter is out of range.
    case invalidParameter(name: String, value: String, requirement: String)
    /// A LAPACK routine reported failure.
    case linearAlgebraFailure(routine: String, info: Int32)
}

extension FeatureMetricsError: CustomStringConvertible {
    /// A one-line message saying what was wrong and where.
    public var description: String {
        switch self {
        case let .shapeMismatch(rows, columns, valueCount):
            return "feature set shape \(rows) x \(columns) needs \(rows * columns) values, got \(valueCount)"
        case let .nonFiniteValue(row, column):
            return "feature set has a non-finite value (NaN or infinity) at row \(row), column \(column)"
        case let .empty(role):
            return "the \(role) feature set is empty (no samples or no features)"
        case let .widthMismatch(firstRole, firstWidth, secondRole, secondWidth):
            return "feature sets have different widths: \(firstRole) has \(firstWidth) features per sample, "
                + "\(secondRole) has \(secondWidth)"
        case let .sampleCountMismatch(firstRole, firstCount, secondRole, secondCount):
            return "paired feature sets have different sample counts: \(firstRole) has \(firstCount), "
                + "\(secondRole) has \(secondCount)"
        case let .tooFewSamples(role, count, required, metric):
            return "the \(role) feature set has \(count) samples; \(metric) needs at least \(required)"
        case let .invalidParameter(name, value, requirement):
            return "invalid \(name) = \(value): \(requirement)"
        case let .linearAlgebraFailure(routine, info):
            return "LAPACK \(routine) failed with info = \(info)"
        }
    }
}
