/// The text formats a report table can be rendered in.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// A GitHub-flavoured Markdown table with aligned columns (the default).
    case markdown
    /// Comma-separated values with separate mean and std columns, for plotting scripts.
    case csv
    /// A LaTeX `tabular` with booktabs rules, for papers.
    case latex
}
