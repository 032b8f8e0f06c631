/// Decodes any `Decodable` type from a ``SpecNode`` strictly: unknown keys, wrong types, missing keys
/// and out-of-range values are ``SpecError``s naming the file, line, column and key path.
///
/// Every key a type asks for (`decode`, `decodeIfPresent`, `contains`) is recorded; once decoding
/// succeeds, any key of a decoded mapping that nobody asked for is reported with the closest asked-for
/// key as a suggestion. A `SpecNode` or ``ComponentSpec`` property takes its subtree as it is, to be
/// decoded later (components decode their own options through ``ComponentRegistry``).
///
/// Range checks: use ``Swift/KeyedDecodingContainer/decode(_:forKey:where:)`` with a ``SpecConstraint``,
/// or throw `DecodingError.dataCorruptedError(forKey:in:debugDescription:)` from `init(from:)`; either
/// becomes a located error. A constraint violation does not stop decoding, so every out-of-range value is
/// reported together (with the unknown keys, and with the error that stopped decoding, if any), sorted by
/// position (``SpecErrors``); a thrown error ends the `init(from:)` that threw it.
///
/// ```swift
/// struct Train: Decodable { var steps: Int }
/// let node = try SpecNode.parse(yaml: "steps: abc", file: "x.yaml")
/// do { _ = try SpecDecoder.decode(Train.self, from: node) }
/// catch { print(error) }   // x.yaml:1:8: steps: expected an integer, got string 'abc'
/// ```
public enum SpecDecoder {
    /// Decodes `type` from `node`; `keyPath` prefixes the key paths in errors (such as `train.optimizer`).
    public static func decode<T: Decodable>(_ type: T.Type, from node: SpecNode, keyPath: String = "") throws -> T {
        let recorder = KeyRecorder()
        let context = DecodingContext(root: node, keyPathPrefix: keyPath, recorder: recorder)
        var collector = SpecErrorCollector(context: context)
        let value = try collector.attempt { try T(from: NodeDecoder(node: node, codingPath: [], context: context)) }
        // Out-of-range values were recorded without stopping; unknown keys are known only once every key was asked for.
        var errors = context.valueErrors + collector.errors
        if value != nil { errors += recorder.unknownKeys(context: context) }
        try SpecErrors.throwIfAny(errors)
        guard let value else { preconditionFailure("a decode that failed recorded an error") }
        return value
    }
}
