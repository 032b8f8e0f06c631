import FlowHDF5
import Foundation

/// The closing lines of a finished run: each configuration's headline metrics and where the report is.
///
/// ```
/// results (mean over 1 seed):
///   cfg_w3.0        label_agreement 0.9512  label_tv 0.2210  ...
///   crossflows      label_agreement 0.8123  label_tv 0.0679  ...
/// peak memory: 212 MB (resident)
/// report: Results/modecollapse/20250101-120000-a1b2c3/report.md
/// ```
public enum RunSummary {
    /// The summary of `run`, read from its `metrics.h5` (`/eval/<configuration>/<metric>`, averaged over seeds).
    public static func text(of run: RunDirectory) throws -> String {
        let file = try HDF5File.open(run.metricsURL)
        defer { try? file.close() }
        var lines: [String] = []
        if try file.exists("/eval") {
            let seeds = (try? file.attribute("seeds", at: "/eval").intsValue)?.count ?? 1
            lines.append("results (\(seeds == 1 ? "1 seed" : "mean over \(seeds) seeds")):")
            let configurations = try file.children(of: "/eval")
            let width = configurations.map(\.count).max() ?? 0
            for configuration in configurations {
                var cells: [String] = []
                for metric in try file.children(of: "/eval/\(configuration)") {
                    let values = try file.read("/eval/\(configuration)/\(metric)", as: Double.self).values
                    guard !values.isEmpty else { continue }
                    cells.append("\(metric) \(String(format: "%.4g", values.reduce(0, +) / Double(values.count)))")
                }
                lines.append("  " + configuration.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + cells.joined(separator: "  "))
            }
        }
        if let bytes = try? run.readProvenance().peakResidentBytes {
            lines.append(String(format: "peak memory: %.0f MB (resident)", Double(bytes) / 1_048_576))
        }
        lines.append("report: \(run.reportURL.path)")
        return lines.joined(separator: "\n") + "\n"
    }
}
