import FlowTensor

/// One thing a module holds directly: a parameter or a child module.
enum ModuleEntry {
    case parameter(Tensor)
    case module(Module)
}

extension Module {
    /// The parameters and child modules this module holds directly, with their keys, in declaration order
    /// (superclass properties first).
    func directEntries() -> [(key: String, entry: ModuleEntry)] {
        var mirrors: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let current = mirror {
            mirrors.append(current)
            mirror = current.superclassMirror
        }
        let keys = type(of: self).checkpointKeys
        var entries: [(key: String, entry: ModuleEntry)] = []
        for level in mirrors.reversed() {
            for child in level.children {
                guard let label = child.label else { continue }
                entries += Module.flatten(child.value, key: keys[label] ?? label)
            }
        }
        return entries
    }

    /// Tensors and modules inside `value` (itself, or unwrapped from optionals, arrays and dictionaries).
    private static func flatten(_ value: Any, key: String) -> [(key: String, entry: ModuleEntry)] {
        if let tensor = value as? Tensor { return [(key, .parameter(tensor))] }
        if let module = value as? Module { return [(key, .module(module))] }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { flatten($0.value, key: key) } ?? []
        case .collection:
            // Skip arrays of plain values (e.g. [Float] tables) without walking them.
            guard let first = mirror.children.first, mayHoldEntries(first.value) else { return [] }
            return mirror.children.enumerated().flatMap { index, element in
                flatten(element.value, key: joinedKey(key, String(index)))
            }
        case .dictionary:
            let pairs = mirror.children.compactMap { element -> (String, Any)? in
                let pair = Array(Mirror(reflecting: element.value).children)
                guard pair.count == 2, let name = pair[0].value as? String else { return nil }
                return (name, pair[1].value)
            }
            return pairs.sorted { $0.0 < $1.0 }.flatMap { flatten($0.1, key: joinedKey(key, $0.0)) }
        default:
            return []
        }
    }

    /// Whether a value can contain parameters or modules.
    private static func mayHoldEntries(_ value: Any) -> Bool {
        if value is Tensor || value is Module { return true }
        switch Mirror(reflecting: value).displayStyle {
        case .optional, .collection, .dictionary: return true
        default: return false
        }
    }
}

/// `prefix.key`, or just one of them when the other is empty.
func joinedKey(_ prefix: String, _ key: String) -> String {
    if prefix.isEmpty { return key }
    if key.isEmpty { return prefix }
    return prefix + "." + key
}
