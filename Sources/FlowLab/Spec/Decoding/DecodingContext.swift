/// What every decoder and container of one ``SpecDecoder/decode(_:from:keyPath:)`` call shares.
final class DecodingContext {
    /// The node decoding started from.
    let root: SpecNode
    /// Key path of `root` inside the whole spec, for messages.
    let keyPathPrefix: String
    /// Which keys of which mappings were asked for.
    let recorder: KeyRecorder
    /// Values that decoded but break their constraint, in the order found; ``SpecDecoder`` throws them once
    /// decoding ends, so that one decode reports every out-of-range value instead of the first.
    private(set) var valueErrors: [SpecError] = []

    /// A context for decoding `root`, whose key path in the whole spec is `keyPathPrefix`.
    init(root: SpecNode, keyPathPrefix: String, recorder: KeyRecorder) {
        self.root = root
        self.keyPathPrefix = keyPathPrefix
        self.recorder = recorder
    }

    /// Keeps `error`, about a value that decoded but is out of range, to be thrown when decoding ends.
    func recordValueError(_ error: SpecError) {
        valueErrors.append(error)
    }

    /// `train.optimizer.lr`, `alignment[0].weight`: the prefix plus the coding path.
    func keyPath(_ codingPath: [any CodingKey]) -> String {
        var result = keyPathPrefix
        for key in codingPath {
            if let index = key.intValue, key is IndexKey {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return result
    }

    /// The deepest node on `codingPath` (the node a `DecodingError` talks about).
    func node(at codingPath: [any CodingKey]) -> SpecNode {
        var node = root
        for key in codingPath {
            switch node.value {
            case let .mapping(entries):
                guard let next = entries.first(where: { $0.key == key.stringValue }) else { return node }
                node = next.value
            case let .sequence(elements):
                guard let index = key.intValue, elements.indices.contains(index) else { return node }
                node = elements[index]
            case .scalar:
                return node
            }
        }
        return node
    }

    /// A located error for a `DecodingError` thrown by a type's own `init(from:)` or by the standard library.
    func specError(from error: DecodingError) -> SpecError {
        switch error {
        case let .dataCorrupted(context), let .typeMismatch(_, context), let .valueNotFound(_, context):
            return SpecError(location: node(at: context.codingPath).location, keyPath: keyPath(context.codingPath),
                             message: context.debugDescription)
        case let .keyNotFound(key, context):
            return SpecError(location: node(at: context.codingPath).location, keyPath: keyPath(context.codingPath + [key]),
                             message: "missing required key '\(key.stringValue)'")
        @unknown default:
            return SpecError(location: root.location, keyPath: keyPathPrefix, message: "\(error)")
        }
    }
}

/// An integer coding key for list elements.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { return nil }
}

/// A coding key for any mapping key, for types that read keys they do not know in advance.
public struct SpecKey: CodingKey, Hashable, Sendable {
    /// The key.
    public let stringValue: String
    /// Always nil.
    public var intValue: Int? { nil }
    /// Creates a key.
    public init(_ string: String) { stringValue = string }
    /// Creates a key.
    public init?(stringValue: String) { self.stringValue = stringValue }
    /// Never succeeds.
    public init?(intValue: Int) { return nil }
}
