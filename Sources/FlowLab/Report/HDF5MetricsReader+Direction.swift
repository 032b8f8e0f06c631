import FlowHDF5
import Foundation

extension HDF5MetricsReader {
    /// Whether higher is better for `metric` of `configuration` in `metricsFile` (its `higher_is_better` attribute);
    /// nil when the metric records no direction or is absent.
    func higherIsBetter(in metricsFile: URL, configuration: String, metric: String) throws -> Bool? {
        let file = try HDF5File.open(metricsFile)
        defer { try? file.close() }
        let path = "\(Self.evalGroup)/\(configuration)/\(metric)"
        guard try file.exists(path) else { return nil }
        return (try? file.attribute("higher_is_better", at: path))?.boolValue
    }
}
