/// Input checks shared by the distribution metrics, each throwing the matching `FeatureMetricsError`.
extension FeatureMetricsError {
    /// Throws unless both sets are non-empty and have the same width.
    static func checkSameWidth(real: FeatureSet, fake: FeatureSet) throws {
        try checkSameWidth(real, role: "real", fake, role: "fake")
    }

    /// Throws unless both sets are non-empty and have the same width, naming them by `role`.
    static func checkSameWidth(_ first: FeatureSet, role firstRole: String, _ second: FeatureSet, role secondRole: String) throws {
        guard first.rows > 0, first.columns > 0 else { throw FeatureMetricsError.empty(role: firstRole) }
        guard second.rows > 0, second.columns > 0 else { throw FeatureMetricsError.empty(role: secondRole) }
        guard first.columns == second.columns else {
            throw FeatureMetricsError.widthMismatch(
                firstRole: firstRole, firstWidth: first.columns, secondRole: secondRole, secondWidth: second.columns)
        }
    }

    /// Throws unless the set has at least `required` samples for `metric`.
    static func checkSampleCount(_ set: FeatureSet, role: String, required: Int, metric: String) throws {
        guard set.rows >= required else {
            throw FeatureMetricsError.tooFewSamples(role: role, count: set.rows, required: required, metric: metric)
        }
    }
}
