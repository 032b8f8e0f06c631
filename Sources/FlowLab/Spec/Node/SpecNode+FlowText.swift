extension SpecNode {
    /// The node as one line of YAML flow text, the form sweep values take: `1.0e-3`, `[0, 1]`, `{name: cfg, scale: 3}`.
    ///
    /// Scalars are written by ``SpecNode/yamlText`` (which quotes a string only where YAML would read
    /// it as something else); sequences and mappings are written in flow style at every depth.
    public var flowText: String {
        switch value {
        case .scalar:
            return String(yamlText.dropLast())
        case let .sequence(elements):
            return "[" + elements.map(\.flowText).joined(separator: ", ") + "]"
        case let .mapping(entries):
            return "{" + entries.map { entry in
                SpecNode(.scalar(SpecScalar(text: entry.key, kind: .string))).flowText + ": " + entry.value.flowText
            }.joined(separator: ", ") + "}"
        }
    }
}
