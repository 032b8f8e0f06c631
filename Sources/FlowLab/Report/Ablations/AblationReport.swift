import Foundation

/// The ablation sub-tables a sweep's spec asks for (`report.ablations`), built from its completed runs.
///
/// The sub-tables are read from the `report:` block of the first completed run's `resolved.yaml` (what the jobs ran
/// with; errors name that file and line), the metrics from each run's `metrics.h5`. Example:
///
///     if let report = try AblationReport.load(from: [sweepFolder]) { print(report.markdown()) }
public struct AblationReport {
    /// The sub-tables, in the order written.
    let tables: [AblationTable]

    /// The sub-tables of the runs under `paths`; nil when their spec has none.
    ///
    /// - Throws: ``ReportError`` when no completed run is found; ``SpecError`` when a sub-table does not fit the runs.
    public static func load(from paths: [URL], reader: HDF5MetricsReader = HDF5MetricsReader()) throws -> AblationReport? {
        var folders: [URL] = []
        for path in paths { folders += try ReportCollector.runFolders(under: path).filter { !folders.contains($0) } }
        folders = folders.filter { ReportCollector.incompleteStatus(of: $0) == nil }
        guard let first = folders.first else {
            throw ReportError(paths.map(\.path).joined(separator: ", ") + ": no completed run")
        }
        let resolved = try SpecNode.load(file: first.appendingPathComponent("resolved.yaml").path, resolvingExtends: false)
        guard let node = resolved["report"], !node.isNull else { return nil }
        let spec = try SpecDecoder.decode(ReportSpec.self, from: node, keyPath: "report")
        guard !spec.ablations.isEmpty else { return nil }
        let collector = ReportCollector(reader: reader)
        let runs = try folders.map { folder in
            AblationRun(folder: folder, settings: try ReportCollector.settings(of: folder).values, rows: try collector.rowsOfRun(at: folder, label: ""))
        }
        let tables = try spec.ablations.map { table in
            try AblationTable(spec: table, runs: runs) { configuration, metric in
                for run in runs where !run.values(configuration, metric).isEmpty {
                    return try reader.higherIsBetter(in: run.folder.appendingPathComponent("metrics.h5"), configuration: configuration, metric: metric)
                }
                return nil
            }
        }
        return AblationReport(tables: tables)
    }

    /// The section of `report.md`: the rule, then every sub-table with its verdicts.
    public func markdown() -> String {
        var text = "## Ablations next to the paper\n\n"
        text += "Each verdict asks whether the paper's ordering of the rows reproduces here. Two of our values differ when "
        text += "they are more than \(Int(SeedStatistic.relativeMargin * 100))% of the larger apart and more than twice the "
        text += "larger standard deviation over seeds; otherwise they tie. The paper's numbers come from its own data and "
        text += "scale: compare orderings, not values.\n\n"
        return text + tables.map { $0.markdown() }.joined()
    }
}
