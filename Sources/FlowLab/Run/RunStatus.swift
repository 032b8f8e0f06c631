/// How a run ended, as recorded in `provenance.json`.
public enum RunStatus: String, Codable, Sendable {
    /// Started and not yet finished (or killed without a chance to record anything).
    case running
    /// Reached its last step and wrote all outputs.
    case completed
    /// Stopped by SIGINT/SIGTERM after a final checkpoint; continue with `--resume`.
    case interrupted
    /// Stopped by an error.
    case failed
}
