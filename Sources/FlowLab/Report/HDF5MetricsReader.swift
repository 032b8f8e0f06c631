import FlowHDF5
import Foundation

/// Reads the `/eval` datasets of a run's `metrics.h5` with FlowHDF5.
///
/// `ExperimentRunner` writes one dataset per configuration and metric, `/eval/<configuration>/<metric>`:
/// always a 1-D array with one value per seed in the order of the run's `seeds:` (files of older
/// versions hold a scalar for one seed, which still reads). The configuration becomes the variant
/// (`""` for a dataset directly under `/eval`); an array yields one entry per value, in order, which is
/// how ``ReportCollector`` assigns values to seeds. Entries follow the `/eval` attributes
/// `configurations` and `metrics` (the order the run sampled and computed them in) when present, else
/// path order (HDF5 lists links by name). Example:
///
///     let values = try HDF5MetricsReader().evalMetrics(at: run.metricsURL)
///     // [("cfg", "mode_tv", 0.11), ("cfg", "mode_tv", 0.12), ("cross_flows", "mode_tv", 0.09), ...]
public struct HDF5MetricsReader: MetricsReader {
    /// The group holding the final evaluation metrics.
    static let evalGroup = "/eval"

    /// Creates a reader.
    public init() {}

    /// Every value under `/eval` in `metricsFile`, one entry per seed of each (variant, metric).
    ///
    /// - Throws: `HDF5Error` when the file cannot be opened or a dataset is not numeric; ``ReportError``
    ///   when `/eval` is missing, or a dataset is empty or has more than one dimension.
    public func evalMetrics(at metricsFile: URL) throws -> [(variant: String, metric: String, value: Double)] {
        let file = try HDF5File.open(metricsFile)
        defer { try? file.close() }
        guard try file.exists(Self.evalGroup), try file.kind(of: Self.evalGroup) == .group else {
            throw ReportError("\(metricsFile.path): no \(Self.evalGroup) group (did the run finish its evaluation?)")
        }
        var entries: [(variant: String, metric: String, value: Double)] = []
        for path in try file.datasetPaths(under: Self.evalGroup) {
            let (variant, metric) = Self.variantAndMetric(ofDatasetPath: path)
            let (values, shape) = try file.read(path, as: Double.self)
            guard shape.count <= 1 else {
                throw ReportError("\(metricsFile.path): \(path) has shape \(shape); expected a scalar or one value per seed")
            }
            guard !values.isEmpty else {
                throw ReportError("\(metricsFile.path): \(path) is empty; expected a scalar or one value per seed")
            }
            entries += values.map { (variant: variant, metric: metric, value: $0) }
        }
        let configurationOrder = (try? file.attribute("configurations", at: Self.evalGroup).stringsValue) ?? nil
        let metricOrder = (try? file.attribute("metrics", at: Self.evalGroup).stringsValue) ?? nil
        guard configurationOrder != nil || metricOrder != nil else { return entries }
        func rank(_ name: String, in order: [String]?) -> Int { order?.firstIndex(of: name) ?? Int.max }
        // A stable sort: the values of one (variant, metric) keep their seed order.
        return entries.enumerated().sorted { left, right in
            let a = (rank(left.element.variant, in: configurationOrder), rank(left.element.metric, in: metricOrder), left.offset)
            let b = (rank(right.element.variant, in: configurationOrder), rank(right.element.metric, in: metricOrder), right.offset)
            return a < b
        }.map(\.element)
    }

    /// `("cfg", "mode_tv")` for `/eval/cfg/mode_tv`; deeper groups join with "/", a dataset directly under `/eval` has variant `""`.
    static func variantAndMetric(ofDatasetPath path: String) -> (variant: String, metric: String) {
        let components = path.dropFirst(evalGroup.count).split(separator: "/").map(String.init)
        return (components.dropLast().joined(separator: "/"), components.last ?? "")
    }
}
