/// A YAML value tree in which every node remembers where it was written.
///
/// Specs are loaded, merged (`extends:`, variants), overridden and emitted as `SpecNode`s, then decoded
/// strictly into typed structs with ``SpecDecoder``. Mapping keys keep their order from the file.
///
/// ```swift
/// let node = try SpecNode.parse(yaml: "train: {steps: 10}", file: "inline.yaml")
/// print(node["train"]?["steps"]?.location as Any)   // inline.yaml:1:16
/// ```
public struct SpecNode: Sendable {
    /// The shape of a node.
    public enum Value: Sendable {
        /// A scalar (string, number, boolean or null).
        case scalar(SpecScalar)
        /// A list.
        case sequence([SpecNode])
        /// A mapping with string keys, in file order.
        case mapping([SpecEntry])
    }

    /// The node's value.
    public var value: Value
    /// Where the node was written.
    public var location: SpecLocation

    /// Creates a node.
    public init(_ value: Value, location: SpecLocation = .generated) {
        self.value = value
        self.location = location
    }
}

/// One `key: value` pair of a mapping node.
public struct SpecEntry: Sendable {
    /// The key.
    public var key: String
    /// Where the key was written (unknown-key errors point here).
    public var keyLocation: SpecLocation
    /// The value.
    public var value: SpecNode

    /// Creates an entry.
    public init(key: String, keyLocation: SpecLocation = .generated, value: SpecNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
