/// The "Results" section of `report.md`: the metrics table (mean ± standard deviation over seeds), how each
/// configuration was sampled, and what each metric is.
enum ResultsSection {
    /// The section's markdown, configurations in sampling order and metrics in the order they were computed.
    static func markdown(seeds: [Int], configurations: [(name: String, method: String)],
                         evaluations: [[String: [MetricValue]]]) -> String {
        var text = "## Results\n\n"
        var rows: [MetricsRow] = []
        for (index, evaluation) in evaluations.enumerated() {
            for configuration in configurations {
                guard let values = evaluation[configuration.name] else { continue }
                rows.append(MetricsRow(run: configuration.name, seed: seeds[index], metrics: values.map { ($0.name, $0.value) }))
            }
        }
        text += MetricsTable(rows: rows).render(.markdown) + "\n"
        if evaluations.count > 1 { text += "Cells are mean ± standard deviation over \(evaluations.count) seeds.\n" }
        text += "\nHow each configuration was sampled:\n\n"
        for configuration in configurations { text += "- `\(configuration.name)`: \(configuration.method)\n" }
        text += "\nMetrics:\n\n"
        var described: Set<String> = []
        for configuration in configurations {
            for metric in evaluations.first?[configuration.name] ?? [] where described.insert(metric.name).inserted {
                text += "- `\(metric.name)`: \(metric.description)\n"
            }
        }
        return text
    }
}
