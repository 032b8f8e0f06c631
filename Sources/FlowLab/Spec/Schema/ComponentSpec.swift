/// A component chosen by name, with its options left undecoded for the component itself.
///
/// Written as a bare name (`scheduler: condot`) or a mapping with `name:` plus options
/// (`scheduler: {name: polynomial, n: 2}`). ``ComponentRegistry/make(_:_:from:)`` decodes ``options``
/// strictly into the component's own options type, so unknown options are located errors too.
public struct ComponentSpec: Sendable {
    /// The registered name, such as `polynomial`.
    public var name: String
    /// The options: a mapping of every key except `name` (empty for a bare name).
    public var options: SpecNode
    /// Where the component sits in the spec, such as `modalities.label.scheduler`.
    public var keyPath: String
    /// Where the name was written.
    public var location: SpecLocation

    /// Creates a component reference.
    public init(name: String, options: SpecNode = .mapping([]), keyPath: String = "", location: SpecLocation = .generated) {
        self.name = name
        self.options = options
        self.keyPath = keyPath
        self.location = location
    }
}

extension ComponentSpec: Equatable {
    /// Equal names and options; locations do not count.
    public static func == (lhs: ComponentSpec, rhs: ComponentSpec) -> Bool {
        lhs.name == rhs.name && lhs.options == rhs.options
    }
}

extension ComponentSpec: Decodable {
    /// Reads `name` or `{name: ..., options...}`; the options are checked later by the registry.
    public init(from decoder: any Decoder) throws {
        guard let decoder = decoder as? NodeDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "a ComponentSpec can only be decoded by SpecDecoder"))
        }
        let node = decoder.node
        keyPath = decoder.keyPath
        switch node.value {
        case let .scalar(scalar) where scalar.kind == .string && !scalar.text.isEmpty:
            name = scalar.text
            options = SpecNode(.mapping([]), location: node.location)
            location = node.location
        case let .mapping(entries):
            guard let nameEntry = entries.first(where: { $0.key == "name" }) else {
                throw SpecError(location: node.location, keyPath: keyPath,
                                message: "missing required key 'name' (the component to use)")
            }
            guard let scalar = nameEntry.value.scalar, scalar.kind == .string, !scalar.text.isEmpty else {
                throw SpecError(location: nameEntry.value.location, keyPath: keyPath + ".name",
                                message: "expected a component name, got \(nameEntry.value.summary)")
            }
            name = scalar.text
            options = SpecNode(.mapping(entries.filter { $0.key != "name" }), location: node.location)
            location = nameEntry.value.location
        default:
            throw decoder.mismatch(expected: "a component name or a mapping with 'name'")
        }
    }
}
