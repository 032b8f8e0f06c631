import FlowHDF5
import Foundation

/// The `/eval` part of `metrics.h5`: `/eval/<configuration>/<metric>`, always a 1-D array over seeds.
///
/// Each metric carries `description` and (when it has one) a boolean `higher_is_better`; each configuration its
/// `method`; `/eval` the seeds and the orders configurations were sampled and metrics computed in; the file the
/// `spec_sha256` of the spec these numbers came from.
enum EvaluationFile {
    /// Replaces `/eval` of the file at `url` with `evaluations` (per seed: configuration name → metric values).
    static func write(_ evaluations: [[String: [MetricValue]]], configurations: [(name: String, method: String)], seeds: [Int],
                      specFingerprint: String, to url: URL) throws {
        let file = try HDF5File.openOrCreate(url)
        defer { try? file.close() }
        if try file.exists("/eval") { try file.delete("/eval") }
        for configuration in configurations {
            // A configuration no suite scores (the data reference under caption-only metrics) gets no group.
            guard let first = evaluations[0][configuration.name], !first.isEmpty else { continue }
            for (index, metric) in first.enumerated() {
                let path = "/eval/\(configuration.name)/\(metric.name)"
                let values = evaluations.map { $0[configuration.name]![index].value }
                // Always one value per seed (a 1-D array, also for one seed), so readers need no special case.
                try file.write(values, to: path)
                try file.setAttribute("description", .string(metric.description), at: path)
                if let higherIsBetter = metric.higherIsBetter {
                    try file.setAttribute("higher_is_better", .bool(higherIsBetter), at: path)
                }
            }
            try file.setAttribute("method", .string(configuration.method), at: "/eval/\(configuration.name)")
        }
        try file.setAttribute("seeds", .ints(seeds), at: "/eval")
        // HDF5 lists links by name; these say the order the configurations were sampled and the metrics computed in.
        try file.setAttribute("configurations", .strings(configurations.map(\.name).filter { evaluations[0][$0]?.isEmpty == false }), at: "/eval")
        var metricOrder: [String] = []
        for configuration in configurations {
            for metric in evaluations[0][configuration.name] ?? [] where !metricOrder.contains(metric.name) { metricOrder.append(metric.name) }
        }
        try file.setAttribute("metrics", .strings(metricOrder), at: "/eval")
        // The spec these numbers came from, so a reader can check that resolved.yaml still describes them.
        try file.setAttribute("spec_sha256", .string(specFingerprint))
    }
}
