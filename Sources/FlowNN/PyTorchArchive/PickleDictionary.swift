/// A Python `dict` or `collections.OrderedDict` read from a pickle, in insertion order.
///
/// A reference, because the pickle fills it (`SETITEMS`) after memoising it. Later assignments to an
/// existing key replace its value in place, as in Python.
public final class PickleDictionary {
    /// The entries in insertion order.
    public internal(set) var entries: [(key: PickleValue, value: PickleValue)] = []
    /// Whether the pickle built it as a `collections.OrderedDict`.
    public let isOrdered: Bool

    init(isOrdered: Bool) { self.isOrdered = isOrdered }

    /// The value under string `key`, if any.
    public subscript(key: String) -> PickleValue? {
        entries.last { $0.key.stringValue == key }?.value
    }

    /// Sets `key` to `value`, replacing an existing string or integer key's value.
    func set(_ key: PickleValue, _ value: PickleValue) {
        if let index = entries.firstIndex(where: { Self.sameKey($0.key, key) }) {
            entries[index].value = value
        } else {
            entries.append((key, value))
        }
    }

    private static func sameKey(_ left: PickleValue, _ right: PickleValue) -> Bool {
        switch (left, right) {
        case (.string(let a), .string(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        default: return false
        }
    }
}
