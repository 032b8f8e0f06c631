extension SpecNode {
    /// This node with the overrides applied in order; each failure names the override and, where useful,
    /// the closest existing key.
    public func applying(_ overrides: [Override]) throws -> SpecNode {
        try overrides.reduce(self) { try $0.applying($1) }
    }

    /// This node with one override applied.
    public func applying(_ override: Override) throws -> SpecNode {
        var copy = self
        try copy.apply(override, depth: 0)
        return copy
    }

    private mutating func apply(_ override: Override, depth: Int) throws {
        let key = override.keyPath[depth]
        let isLast = depth == override.keyPath.count - 1
        let here = override.keyPath[..<depth].joined(separator: ".")
        guard case var .mapping(entries) = value else {
            throw SpecError(location: override.location, keyPath: override.key,
                            message: "cannot reach '\(override.key)': '\(here)' is \(summary), not a mapping")
        }
        let index = entries.firstIndex { $0.key == key }
        defer { value = .mapping(entries) }

        guard let index else {
            switch override.action {
            case .set, .delete:
                throw missingKey(override, depth: depth, siblings: entries.map(\.key))
            case .add, .setOrAdd:
                let tail = Array(override.keyPath[(depth + 1)...])
                entries.append(SpecEntry(key: key, keyLocation: override.location,
                                         value: Self.nested(tail, value: override.value!, location: override.location)))
                return
            }
        }
        guard isLast else {
            try entries[index].value.apply(override, depth: depth + 1)
            return
        }
        let current = entries[index].value
        switch override.action {
        case .set, .setOrAdd:
            entries[index].value = override.value!
        case .add:
            throw SpecError(location: override.location, keyPath: override.key,
                            message: "key '\(override.key)' is already in the spec (\(current.summary) at \(current.location)); use \(override.key)=... to change it or ++\(override.key)=... to set it either way")
        case .delete:
            if let expected = override.value, expected != current {
                throw SpecError(location: override.location, keyPath: override.key,
                                message: "not deleting '\(override.key)': its value is \(current.summary) (at \(current.location)), not \(expected.summary)")
            }
            entries.remove(at: index)
        }
    }

    /// `value` wrapped in mappings for the remaining key path `keys`.
    private static func nested(_ keys: [String], value: SpecNode, location: SpecLocation) -> SpecNode {
        keys.reversed().reduce(value) { inner, key in
            SpecNode(.mapping([SpecEntry(key: key, keyLocation: location, value: inner)]), location: location)
        }
    }

    private func missingKey(_ override: Override, depth: Int, siblings: [String]) -> SpecError {
        let missing = override.keyPath[depth]
        var suggestion = ""
        if let closest = Suggestions.closest(to: missing, among: siblings) {
            var corrected = override.keyPath
            corrected[depth] = closest
            suggestion = "; did you mean '\(corrected.joined(separator: "."))'?"
        }
        let key = override.key
        let message: String
        if override.action == .delete {
            message = "cannot delete '\(key)': key not in spec\(suggestion)"
        } else {
            message = "key '\(key)' not in spec; use +\(key)=... to add it\(suggestion)"
        }
        return SpecError(location: override.location, keyPath: key, message: message)
    }
}
