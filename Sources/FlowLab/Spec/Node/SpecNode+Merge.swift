extension SpecNode {
    /// This node deep-merged over `base`: mappings merge key by key (this node wins), anything else replaces whole.
    ///
    /// Keys keep `base`'s order, with keys new in this node appended in their order. Locations of values
    /// taken from either side are kept, so errors point at the file that wrote the value.
    public func merged(over base: SpecNode) -> SpecNode {
        guard case let .mapping(childEntries) = value, case var .mapping(entries) = base.value else { return self }
        for entry in childEntries {
            if let index = entries.firstIndex(where: { $0.key == entry.key }) {
                entries[index] = SpecEntry(key: entry.key, keyLocation: entry.keyLocation,
                                           value: entry.value.merged(over: entries[index].value))
            } else {
                entries.append(entry)
            }
        }
        return SpecNode(.mapping(entries), location: location)
    }
}
