/// Records, for every mapping opened as a keyed container, which keys were asked for.
final class KeyRecorder {
    private struct Visit {
        let node: SpecNode
        let codingPath: [any CodingKey]
        var asked: Set<String>
    }

    private var order: [String] = []
    private var visits: [String: Visit] = [:]

    /// Registers `node` (a mapping) as decoded at `codingPath`; returns its identifier.
    func visit(_ node: SpecNode, at codingPath: [any CodingKey]) -> String {
        let id = codingPath.map(\.stringValue).joined(separator: "\u{1F}")
        if visits[id] == nil {
            order.append(id)
            visits[id] = Visit(node: node, codingPath: codingPath, asked: [])
        }
        return id
    }

    /// Marks `key` of the mapping `id` as asked for.
    func ask(_ key: String, in id: String) {
        visits[id]?.asked.insert(key)
    }

    /// Every key nobody asked for (in decoding order, then file order), as errors.
    func unknownKeys(context: DecodingContext) -> [SpecError] {
        var errors: [SpecError] = []
        for id in order {
            guard let visit = visits[id], let entries = visit.node.entries else { continue }
            for entry in entries where !visit.asked.contains(entry.key) {
                errors.append(Self.unknownKeyError(entry, asked: visit.asked, path: context.keyPath(visit.codingPath + [SpecKey(entry.key)])))
            }
        }
        return errors
    }

    /// `unknown key 'stpes'; did you mean 'steps'?`, or the list of valid keys when none is close.
    static func unknownKeyError(_ entry: SpecEntry, asked: Set<String>, path: String) -> SpecError {
        var message = "unknown key '\(entry.key)'"
        if let closest = Suggestions.closest(to: entry.key, among: asked) {
            message += "; did you mean '\(closest)'?"
        } else if asked.isEmpty {
            message += "; no keys are allowed here"
        } else {
            message += "; valid keys: \(asked.sorted().joined(separator: ", "))"
        }
        return SpecError(location: entry.keyLocation, keyPath: path, message: message)
    }
}
