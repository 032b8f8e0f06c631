/// The final evaluation metrics of one seed of one run (or of one variant of it): one input row of a `MetricsTable`.
public struct MetricsRow: Sendable {
    /// The run group: rows with the same `run` and `variant` are seeds of one table row.
    public var run: String
    /// The variant name, or `""` for a run without variants.
    public var variant: String
    /// The seed, or `nil` when unknown.
    public var seed: Int?
    /// Metric values in a stable order (the table's columns follow first appearance).
    public var metrics: [(name: String, value: Double)]
    /// The settings in which the reported runs differ (e.g. a sweep's `train.steps=100`), shown as label columns; empty for none.
    public var settings: [(key: String, value: String)] = []

    /// Creates a row.
    public init(run: String, variant: String = "", seed: Int? = nil, metrics: [(name: String, value: Double)]) {
        self.run = run
        self.variant = variant
        self.seed = seed
        self.metrics = metrics
    }
}
