import Foundation

/// Evaluation metrics aggregated over seeds: one row per (run, variant), one column per metric.
///
/// A cell is the mean over the seeds that reported the metric, with the sample standard deviation
/// (n - 1) when there are several. Example:
///
///     let table = MetricsTable(rows: [
///         MetricsRow(run: "lr=1e-3", seed: 0, metrics: [("mode_tv", 0.10)]),
///         MetricsRow(run: "lr=1e-3", seed: 1, metrics: [("mode_tv", 0.12)]),
///     ])
///     print(table.render(.markdown))   // | run | seeds | mode_tv | ... | 0.11 ± 0.014 |
public struct MetricsTable: Sendable {
    /// One aggregated value.
    public struct Cell: Sendable, Equatable {
        /// The mean over seeds.
        public let mean: Double
        /// The sample standard deviation over seeds; `nil` for a single seed.
        public let standardDeviation: Double?
        /// How many values were averaged.
        public let count: Int
    }

    /// One table row: a run (group) and variant, aggregated over its seeds.
    public struct Entry: Sendable, Equatable {
        /// The run group.
        public let run: String
        /// The variant (`""` for none).
        public let variant: String
        /// The values of `MetricsTable.settingNames` for this entry (empty when the table has no setting columns).
        public let settings: [String]
        /// How many input rows (seeds) this entry aggregates.
        public let seedCount: Int
        /// One cell per metric in `metricNames` order; `nil` where no seed reported that metric.
        public let cells: [Cell?]
    }

    /// The metric columns, in order of first appearance.
    public let metricNames: [String]
    /// The setting columns (keys in which the runs differ), from the first row that has settings; empty for none.
    public let settingNames: [String]
    /// The rows, in order of first appearance of their (run, variant).
    public let entries: [Entry]

    /// Groups `rows` by (run, variant) and aggregates every metric over the group's seeds.
    public init(rows: [MetricsRow]) {
        var metricNames: [String] = []
        var groupOrder: [GroupKey] = []
        var groups: [GroupKey: (rows: Int, settings: [String], values: [String: [Double]])] = [:]
        let settingNames = rows.first { !$0.settings.isEmpty }?.settings.map(\.key) ?? []
        for row in rows {
            let key = GroupKey(run: row.run, variant: row.variant)
            if groups[key] == nil {
                groupOrder.append(key)
                let settings = settingNames.map { name in row.settings.first { $0.key == name }?.value ?? "–" }
                groups[key] = (0, settings, [:])
            }
            groups[key]!.rows += 1
            for metric in row.metrics {
                if !metricNames.contains(metric.name) { metricNames.append(metric.name) }
                groups[key]!.values[metric.name, default: []].append(metric.value)
            }
        }
        self.metricNames = metricNames
        self.settingNames = settingNames
        self.entries = groupOrder.map { key in
            let group = groups[key]!
            return Entry(run: key.run, variant: key.variant, settings: group.settings, seedCount: group.rows,
                         cells: metricNames.map { name in group.values[name].map(Self.aggregate) })
        }
    }

    private struct GroupKey: Hashable {
        let run: String
        let variant: String
    }

    /// Mean and sample standard deviation (n - 1) of `values`; equal values give exactly their value and a deviation of 0.
    static func aggregate(_ values: [Double]) -> Cell {
        if values.count > 1, values.allSatisfy({ $0 == values[0] }) {
            return Cell(mean: values[0], standardDeviation: 0, count: values.count)
        }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return Cell(mean: mean, standardDeviation: nil, count: 1) }
        let sumOfSquares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return Cell(mean: mean, standardDeviation: (sumOfSquares / Double(values.count - 1)).squareRoot(), count: values.count)
    }

    /// Whether any entry has a non-empty variant (otherwise the variant column is left out).
    var hasVariants: Bool { entries.contains { !$0.variant.isEmpty } }

    /// The table as text in `format`.
    public func render(_ format: ReportFormat) -> String {
        switch format {
        case .markdown: return markdown()
        case .csv: return csv()
        case .latex: return latex()
        }
    }
}
