import Yams

extension SpecNode {
    /// A string scalar (the kind is `.string` whatever the text).
    public static func string(_ text: String, location: SpecLocation = .generated) -> SpecNode {
        SpecNode(.scalar(SpecScalar(text: text, kind: .string)), location: location)
    }

    /// An integer scalar.
    public static func integer(_ value: Int, location: SpecLocation = .generated) -> SpecNode {
        SpecNode(.scalar(SpecScalar(text: String(value), kind: .integer)), location: location)
    }

    /// A float scalar (written so YAML reads it back as a float: `1.0`, `.inf`, `.nan`).
    public static func float(_ value: Double, location: SpecLocation = .generated) -> SpecNode {
        let text: String
        if value.isNaN {
            text = ".nan"
        } else if value.isInfinite {
            text = value < 0 ? "-.inf" : ".inf"
        } else {
            let plain = "\(value)"
            text = plain.contains(".") ? plain : plain.replacingOccurrences(of: "e", with: ".0e")
        }
        return SpecNode(.scalar(SpecScalar(text: text, kind: .float)), location: location)
    }

    /// A boolean scalar.
    public static func boolean(_ value: Bool, location: SpecLocation = .generated) -> SpecNode {
        SpecNode(.scalar(SpecScalar(text: value ? "true" : "false", kind: .boolean)), location: location)
    }

    /// The null scalar.
    public static func null(location: SpecLocation = .generated) -> SpecNode {
        SpecNode(.scalar(SpecScalar(text: "null", kind: .null)), location: location)
    }

    /// A scalar whose kind is resolved from plain (unquoted) YAML text: `1` is an integer, `abc` a string.
    public static func plain(_ text: String, location: SpecLocation = .generated) -> SpecNode {
        SpecNode(.scalar(SpecScalar(text: text, kind: resolvedKind(ofPlain: text))), location: location)
    }

    /// A mapping from ordered pairs.
    public static func mapping(_ pairs: [(String, SpecNode)], location: SpecLocation = .generated) -> SpecNode {
        SpecNode(.mapping(pairs.map { SpecEntry(key: $0.0, keyLocation: $0.1.location, value: $0.1) }), location: location)
    }

    /// A list.
    public static func sequence(_ nodes: [SpecNode], location: SpecLocation = .generated) -> SpecNode {
        SpecNode(.sequence(nodes), location: location)
    }

    /// The YAML type plain text resolves to (YAML 1.1 core schema, as Yams resolves it).
    static func resolvedKind(ofPlain text: String) -> SpecScalar.Kind {
        switch Node(text).tag.description {
        case Tag.Name.int.rawValue: return .integer
        case Tag.Name.float.rawValue: return .float
        case Tag.Name.bool.rawValue: return .boolean
        case Tag.Name.null.rawValue: return .null
        default: return .string
        }
    }

    /// The scalar, if this node is one.
    public var scalar: SpecScalar? {
        if case let .scalar(scalar) = value { return scalar }
        return nil
    }

    /// The entries, if this node is a mapping.
    public var entries: [SpecEntry]? {
        if case let .mapping(entries) = value { return entries }
        return nil
    }

    /// The elements, if this node is a list.
    public var elements: [SpecNode]? {
        if case let .sequence(elements) = value { return elements }
        return nil
    }

    /// The value under `key`, if this node is a mapping that has it.
    public subscript(key: String) -> SpecNode? {
        entries?.first { $0.key == key }?.value
    }

    /// Whether this node is the null scalar.
    var isNull: Bool { scalar?.kind == .null }

    /// Words for error messages: `a mapping`, `a list`, `integer '5'`.
    var summary: String {
        switch value {
        case let .scalar(scalar): return scalar.summary
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// This node with every location (keys included) replaced by `location`.
    func relocated(to location: SpecLocation) -> SpecNode {
        switch value {
        case .scalar:
            return SpecNode(value, location: location)
        case let .sequence(elements):
            return SpecNode(.sequence(elements.map { $0.relocated(to: location) }), location: location)
        case let .mapping(entries):
            let moved = entries.map { SpecEntry(key: $0.key, keyLocation: location, value: $0.value.relocated(to: location)) }
            return SpecNode(.mapping(moved), location: location)
        }
    }
}
