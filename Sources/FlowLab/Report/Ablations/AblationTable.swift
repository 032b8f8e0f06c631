import Foundation

/// One ablation sub-table built from a sweep's runs: the rows of ``AblationTableSpec`` with our mean ± std over seeds
/// of each metric next to the paper's number, and a verdict per metric on whether the paper's ordering reproduces.
///
/// Rows are the paper's rows in the order written, then any other value of the swept key the runs have. A run counts
/// for a row when its setting of `key` is the row's value and its settings of the `fixed` keys are the fixed values.
/// Verdicts take the paper's rows from best to worst (by `paper.better`) and compare each adjacent pair with
/// ``SeedStatistic/compare(_:_:)`` in the direction metrics.h5 records for the metric (`higher_is_better`).
/// Example:
///
///     let table = try AblationTable(spec: spec.report.ablations[0], runs: runs) { _, metric in metric != "fid_shapes" }
///     print(table.markdown())
struct AblationTable {
    /// One row: a swept value, our statistic of each metric (nil without runs), and the paper's number.
    struct Row {
        /// The swept value as written (`avg_pool`, `1.0`).
        let value: SpecNode
        /// Per metric of the spec, in order: mean, std and seed count over the row's runs; nil when none has it.
        let statistics: [SeedStatistic?]
        /// The paper's number for this row, when it has one.
        let paper: Double?
    }

    let spec: AblationTableSpec
    /// The configuration whose metrics are tabulated.
    let configuration: String
    /// Per metric of the spec: whether higher is better.
    let higherIsBetter: [Bool]
    let rows: [Row]

    /// Builds the sub-table from `runs`.
    ///
    /// - Parameter direction: whether higher is better for (configuration, metric), as metrics.h5 records it; nil
    ///   when it records none.
    /// - Throws: ``SpecError`` at `configuration` when no run has it (or, unset, when the first metric is in several
    ///   configurations), at `metrics` when no run's configuration has a metric or a metric has no direction.
    init(spec: AblationTableSpec, runs: [AblationRun], direction: (String, String) throws -> Bool?) throws {
        self.spec = spec
        func available(_ configuration: String) -> [String] {
            var names: [String] = []
            for run in runs { for row in run.rows where row.variant == configuration { for metric in row.metrics where !names.contains(metric.name) { names.append(metric.name) } } }
            return names
        }
        let allConfigurations = runs.flatMap { $0.rows.map(\.variant) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if let configuration = spec.configuration {
            guard allConfigurations.contains(configuration) else {
                throw spec.error(at: "configuration", "no run has configuration '\(configuration)' in its metrics.h5; the runs have \(allConfigurations.joined(separator: ", "))")
            }
            self.configuration = configuration
        } else {
            let candidates = runs.flatMap { $0.configurations(having: spec.metrics[0]) }
                .reduce(into: [String]()) { if !$0.contains($1) && $1 != "data_reference" { $0.append($1) } }
            guard candidates.count == 1 else {
                throw spec.error(at: "metrics", candidates.isEmpty
                    ? "no run's metrics.h5 has metric '\(spec.metrics[0])' (configurations \(allConfigurations.joined(separator: ", ")))"
                    : "metric '\(spec.metrics[0])' is in configurations \(candidates.joined(separator: ", ")); say which with configuration:")
            }
            self.configuration = candidates[0]
        }
        let names = available(configuration)
        var directions: [Bool] = []
        for metric in spec.metrics {
            guard names.contains(metric) else {
                throw spec.error(at: "metrics", "no run produced metric '\(metric)' in configuration '\(configuration)'; it has \(names.joined(separator: ", "))")
            }
            guard let higher = try direction(configuration, metric) else {
                throw spec.error(at: "metrics", "metric '\(metric)' has no direction (higher_is_better) in metrics.h5, so it cannot order rows")
            }
            directions.append(higher)
        }
        higherIsBetter = directions
        var values = spec.paper?.values.map(\.value) ?? []
        for run in runs {
            guard let text = run.settings[spec.key] else { continue }
            let value = SpecNode.plain(text)
            if !values.contains(value) { values.append(value) }
        }
        let configuration = self.configuration
        rows = values.map { value in
            let matching = runs.filter { run in run.has(spec.key, equalTo: value) && spec.fixed.allSatisfy { run.has($0.key, equalTo: $0.value) } }
            return Row(value: value,
                       statistics: spec.metrics.map { metric in SeedStatistic(values: matching.flatMap { $0.values(configuration, metric) }) },
                       paper: spec.paper?.values.first { $0.value == value }?.number)
        }
    }

    /// The row of `value`.
    func row(_ value: SpecNode) -> Row? {
        rows.first { $0.value == value }
    }

    /// The verdict of metric column `index`: the paper's rows from best to worst, each adjacent pair compared here.
    func verdict(metric index: Int) -> AblationVerdict {
        guard let paper = spec.paper else { return .notChecked }
        let ranked = paper.values.sorted { paper.higherIsBetter ? $0.number > $1.number : $0.number < $1.number }
        let comparisons = zip(ranked, ranked.dropFirst()).map { better, worse -> Int? in
            guard let ours = SeedStatistic.compare(row(better.value)?.statistics[index], row(worse.value)?.statistics[index]) else { return nil }
            return higherIsBetter[index] ? ours : -ours
        }
        return AblationVerdict(comparisons: comparisons)
    }

    /// `35.12 ± 0.6` (`35.12` for one seed), `–` when absent.
    static func format(_ statistic: SeedStatistic?) -> String {
        guard let statistic else { return "–" }
        return statistic.count > 1 ? String(format: "%.4g ± %.2g", statistic.mean, statistic.std) : String(format: "%.4g", statistic.mean)
    }

    /// The sub-table and its verdict lines, in Markdown.
    func markdown() -> String {
        var text = "### \(spec.title)\n\n"
        text += "Rows: `\(spec.key)`"
        if !spec.fixed.isEmpty { text += " with " + spec.fixed.map { "`\($0.key)` = \($0.value.flowText)" }.joined(separator: ", ") }
        text += "; configuration `\(configuration)`; ours are the mean ± std over seeds (n seeds).\n\n"
        let arrows = higherIsBetter.map { $0 ? "↑" : "↓" }
        var header = "| \(spec.key) | " + zip(spec.metrics, arrows).map { "\($0) \($1)" }.joined(separator: " | ") + " | n |"
        var rule = "|---|" + String(repeating: "--:|", count: spec.metrics.count) + "--:|"
        if let paper = spec.paper {
            header += " paper \(paper.metric) \(paper.higherIsBetter ? "↑" : "↓") |"
            rule += "--:|"
        }
        text += header + "\n" + rule + "\n"
        for row in rows {
            text += "| \(row.value.flowText) | " + row.statistics.map(Self.format).joined(separator: " | ")
            text += " | \(row.statistics[0]?.count ?? 0) |"
            if spec.paper != nil { text += " " + (row.paper.map { String(format: "%g", $0) } ?? "–") + " |" }
            text += "\n"
        }
        guard let paper = spec.paper else { return text + "\n" }
        let ranked = paper.values.sorted { paper.higherIsBetter ? $0.number > $1.number : $0.number < $1.number }
        let order = ranked.map { "\($0.value.flowText) (\(String(format: "%g", $0.number)))" }.joined(separator: " better than ")
        text += "\nPaper (\(paper.metric), \(paper.higherIsBetter ? "higher" : "lower") is better): \(order)."
        let gaps = zip(ranked, ranked.dropFirst()).map { abs($0.number - $1.number) / max(abs($0.number), abs($1.number)) }
        if let smallest = gaps.min(), smallest <= SeedStatistic.relativeMargin {
            text += String(format: " The paper's own smallest gap (%.1f%%) is within the %d%% margin: it would be a tie by this rule.",
                           100 * smallest, Int(SeedStatistic.relativeMargin * 100))
        }
        text += "\n\n"
        for (index, metric) in spec.metrics.enumerated() {
            let ours = ranked.map { "\($0.value.flowText) \(Self.format(row($0.value)?.statistics[index]))" }.joined(separator: " vs ")
            text += "- `\(metric)` (\(higherIsBetter[index] ? "higher" : "lower") is better): \(ours): \(verdict(metric: index).text).\n"
        }
        return text + "\n"
    }
}
