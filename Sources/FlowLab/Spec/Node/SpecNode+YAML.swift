extension SpecNode {
    /// The node as block-style YAML text, keys in their order, ending with a newline.
    ///
    /// Lists of scalars are written in flow style (`[0, 1]`); strings are quoted only where YAML would
    /// otherwise read them as something else, and numbers are written in a canonical form every YAML reader
    /// reads alike (``SpecScalar/canonicalText``: `017` becomes `17`, not octal 15), so parsing the result gives
    /// an equal node (``==``).
    public var yamlText: String {
        var lines: [String] = []
        switch value {
        case let .mapping(entries) where !entries.isEmpty:
            YAMLWriter.writeMapping(entries, indent: 0, into: &lines)
        case let .sequence(elements) where !YAMLWriter.isFlowable(self):
            YAMLWriter.writeSequence(elements, indent: 0, into: &lines)
        default:
            lines.append(YAMLWriter.flow(self))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Writes ``SpecNode``s as YAML text.
enum YAMLWriter {
    static func writeMapping(_ entries: [SpecEntry], indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for entry in entries {
            let key = quoted(entry.key)
            switch entry.value.value {
            case let .mapping(children) where !children.isEmpty:
                lines.append("\(pad)\(key):")
                writeMapping(children, indent: indent + 2, into: &lines)
            case let .sequence(elements) where !isFlowable(entry.value):
                lines.append("\(pad)\(key):")
                writeSequence(elements, indent: indent + 2, into: &lines)
            default:
                lines.append("\(pad)\(key): \(flow(entry.value))")
            }
        }
    }

    static func writeSequence(_ elements: [SpecNode], indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for element in elements {
            switch element.value {
            case let .mapping(children) where !children.isEmpty:
                var nested: [String] = []
                writeMapping(children, indent: indent + 2, into: &nested)
                let first = nested[0].dropFirst(indent + 2)
                lines.append("\(pad)- \(first)")
                lines.append(contentsOf: nested.dropFirst())
            case let .sequence(children) where !isFlowable(element):
                lines.append("\(pad)-")
                writeSequence(children, indent: indent + 2, into: &lines)
            default:
                lines.append("\(pad)- \(flow(element))")
            }
        }
    }

    /// Whether a node is written on one line: scalars, empty collections and lists of such.
    static func isFlowable(_ node: SpecNode) -> Bool {
        switch node.value {
        case .scalar: return true
        case let .mapping(entries): return entries.isEmpty
        case let .sequence(elements): return elements.allSatisfy(isFlowable)
        }
    }

    /// The one-line form of a flowable node.
    static func flow(_ node: SpecNode) -> String {
        switch node.value {
        case let .scalar(scalar):
            return scalar.kind == .string ? quoted(scalar.text) : scalar.canonicalText
        case let .sequence(elements):
            return "[" + elements.map(flow).joined(separator: ", ") + "]"
        case let .mapping(entries):
            return "{" + entries.map { "\(quoted($0.key)): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// The text plain if YAML reads it back as the same string, else double-quoted with escapes.
    static func quoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { plainCharacters.contains($0) }
        if safe, let first = text.unicodeScalars.first, !"-.".unicodeScalars.contains(first) || text.count > 1,
           SpecNode.resolvedKind(ofPlain: text) == .string, text != "<<", text != "=" {
            return text
        }
        return YAMLText.quoted(text)
    }

    private static let plainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-+".unicodeScalars)
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
