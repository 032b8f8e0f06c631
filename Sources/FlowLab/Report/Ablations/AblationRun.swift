import Foundation

/// One completed run of a sweep as an ablation table sees it: its settings and its final metrics per seed.
struct AblationRun {
    /// The run's folder (for messages).
    let folder: URL
    /// Its flattened settings: dotted key of `resolved.yaml` → YAML flow text of the value.
    let settings: [String: String]
    /// One row per (configuration, seed): `variant` is the configuration.
    let rows: [MetricsRow]

    /// Whether `value` (a swept value as written in the spec) is this run's setting of `key`, compared as YAML values
    /// (`1.0` matches `1.0` and `1`).
    func has(_ key: String, equalTo value: SpecNode) -> Bool {
        guard let text = settings[key] else { return false }
        return SpecNode.plain(text) == value
    }

    /// The values of `metric` in `configuration`, one per seed that has it.
    func values(_ configuration: String, _ metric: String) -> [Double] {
        rows.filter { $0.variant == configuration }.compactMap { row in row.metrics.first { $0.name == metric }?.value }
    }

    /// The configurations that have `metric`, in first-appearance order.
    func configurations(having metric: String) -> [String] {
        var found: [String] = []
        for row in rows where !found.contains(row.variant) && row.metrics.contains(where: { $0.name == metric }) { found.append(row.variant) }
        return found
    }
}
