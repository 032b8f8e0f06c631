/// One evaluated number with what it means, as written to `metrics.h5` under `/eval/<configuration>/<name>`.
struct MetricValue {
    let name: String
    let value: Double
    let description: String
    /// `true`, `false`, or nil where the ideal is a target value (e.g. 1.0) rather than an extreme.
    let higherIsBetter: Bool?
}
