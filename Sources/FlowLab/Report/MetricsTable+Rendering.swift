import Foundation

/// Markdown, CSV and LaTeX renderings of a `MetricsTable`.
extension MetricsTable {
    /// The text shown for a missing value in Markdown and LaTeX.
    static let missing = "–"

    /// A value with four significant digits; zero (and rounding residue below 1e-12, such as 9.8e-18) prints as `0`.
    static func format(_ value: Double) -> String {
        if value == 0 || abs(value) < residue { return "0" }
        return String(format: "%.4g", value)
    }

    /// Magnitudes below this are floating-point residue of a zero, not measurements (no FlowLab metric is that small).
    static let residue = 1e-12

    /// The leading text columns: the settings in which runs differ (else the run), the variant (only when
    /// some entry has one), and the seed count.
    private var labelHeaders: [String] {
        (settingNames.isEmpty ? ["run"] : settingNames) + (hasVariants ? ["variant"] : []) + ["seeds"]
    }

    private func labels(of entry: Entry) -> [String] {
        (settingNames.isEmpty ? [entry.run] : entry.settings) + (hasVariants ? [entry.variant] : []) + [String(entry.seedCount)]
    }

    /// A Markdown table; text columns left-aligned, numbers right-aligned, columns padded to equal width.
    func markdown() -> String {
        let header = labelHeaders + metricNames
        let body = entries.map { entry in
            labels(of: entry) + entry.cells.map { cell in
                guard let cell else { return Self.missing }
                return cell.standardDeviation.map { Self.format(cell.mean) + " ± " + Self.format($0) } ?? Self.format(cell.mean)
            }
        }
        let textColumns = labelHeaders.count - 1
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return column < textColumns ? text + padding : padding + text
            }.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.indices.map { column in
            column < textColumns ? String(repeating: "-", count: widths[column] + 2)
                                 : String(repeating: "-", count: widths[column] + 1) + ":"
        }.joined(separator: "|") + "|"
        return ([line(header), rule] + body.map(line)).joined(separator: "\n") + "\n"
    }

    /// CSV: label columns, then `<metric>` (mean) and `<metric>_std` (the std over seeds, empty for one seed) per
    /// metric; `<metric>_seed_std` where a metric of the run is itself named `<metric>_std` (e.g. `caption_similarity`
    /// and its per-image spread `caption_similarity_std`). Missing values are empty.
    func csv() -> String {
        let names = Set(metricNames)
        let header = labelHeaders + metricNames.flatMap { [$0, names.contains($0 + "_std") ? $0 + "_seed_std" : $0 + "_std"] }
        let body = entries.map { entry in
            labels(of: entry) + entry.cells.flatMap { cell -> [String] in
                guard let cell else { return ["", ""] }
                return [Self.csvNumber(cell.mean), cell.standardDeviation.map(Self.csvNumber) ?? ""]
            }
        }
        return ([header] + body).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A LaTeX booktabs `tabular`; values as `$mean \pm std$`, special characters escaped.
    func latex() -> String {
        let header = labelHeaders + metricNames
        let textColumns = labelHeaders.count - 1
        let alignment = String(repeating: "l", count: textColumns) + String(repeating: "r", count: header.count - textColumns)
        var lines = ["\\begin{tabular}{\(alignment)}", "\\toprule", header.map(Self.latexEscaped).joined(separator: " & ") + " \\\\", "\\midrule"]
        for entry in entries {
            let cells = labels(of: entry).map(Self.latexEscaped) + entry.cells.map { cell in
                guard let cell else { return Self.missing }
                return cell.standardDeviation.map { "$\(Self.format(cell.mean)) \\pm \(Self.format($0))$" } ?? "$\(Self.format(cell.mean))$"
            }
            lines.append(cells.joined(separator: " & ") + " \\\\")
        }
        lines += ["\\bottomrule", "\\end{tabular}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number at full precision for CSV, with rounding residue of a zero written as `0.0`.
    static func csvNumber(_ value: Double) -> String {
        abs(value) < residue ? "0.0" : "\(value)"
    }

    /// `text` quoted for CSV when it contains a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` with LaTeX special characters escaped.
    static func latexEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\textbackslash{}"
            case "_", "%", "&", "#", "$", "{", "}": result += "\\" + String(character)
            case "~": result += "\\textasciitilde{}"
            case "^": result += "\\textasciicircum{}"
            default: result.append(character)
            }
        }
        return result
    }
}
