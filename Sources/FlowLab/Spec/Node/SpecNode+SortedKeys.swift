extension SpecNode {
    /// This node with the keys of every mapping, at every depth, in sorted order (lists keep their order): a form
    /// that does not depend on the order keys were written in, for hashing.
    public func sortingKeys() -> SpecNode {
        switch value {
        case .scalar:
            return self
        case .sequence(let elements):
            return SpecNode(.sequence(elements.map { $0.sortingKeys() }), location: location)
        case .mapping(let entries):
            let sorted = entries.sorted { $0.key < $1.key }.map {
                SpecEntry(key: $0.key, keyLocation: $0.keyLocation, value: $0.value.sortingKeys())
            }
            return SpecNode(.mapping(sorted), location: location)
        }
    }
}
