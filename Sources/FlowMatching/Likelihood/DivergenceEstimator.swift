/// How the divergence of a velocity field is computed in likelihood integration.
public enum DivergenceEstimator: String, Sendable, Codable {
    /// The exact trace of the Jacobian: one backward pass per data dimension (small dimensions).
    case exact
    /// Hutchinson's estimator `z^T (du/dx) z` with one Rademacher z drawn for the whole solve.
    case hutchinson
}
