/// Where a value of a spec came from: a place in a YAML file, a command-line override, or code.
///
/// Every ``SpecNode`` carries one, so every error can say where the offending value was written.
public enum SpecLocation: Sendable, Hashable, CustomStringConvertible {
    /// A position in a YAML file; `line` and `column` start at 1.
    case file(path: String, line: Int, column: Int)
    /// A command-line override such as `train.steps=500`, located by its full text.
    case override(String)
    /// A value built in code, with no source text.
    case generated

    /// `path:line:column`, `override 'text'` or `<generated>`.
    public var description: String {
        switch self {
        case let .file(path, line, column): return "\(path):\(line):\(column)"
        case let .override(text): return "override '\(SpecSnippet.quoting(text, limit: 120))'"
        case .generated: return "<generated>"
        }
    }
}
