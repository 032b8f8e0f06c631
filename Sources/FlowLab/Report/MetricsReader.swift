import Foundation

/// Reads the final evaluation metrics (`/eval/...`) of a run's `metrics.h5`.
///
/// Implemented on top of HDF5 by the caller. Each returned entry is one value; when a run evaluated
/// several seeds, the same (variant, metric) pair appears once per seed, in the order of the run's
/// `seeds:` list (a metric reported only once counts for the first seed). `variant` is `""` for a
/// run without variants.
public protocol MetricsReader {
    /// The evaluation values stored in `metricsFile`.
    func evalMetrics(at metricsFile: URL) throws -> [(variant: String, metric: String, value: Double)]
}
