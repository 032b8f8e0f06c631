extension SpecNode {
    /// This mapping without the given top-level keys (other nodes are returned unchanged).
    public func removingKeys(_ keys: Set<String>) -> SpecNode {
        guard case .mapping(let entries) = value else { return self }
        return SpecNode(.mapping(entries.filter { !keys.contains($0.key) }), location: location)
    }
}
