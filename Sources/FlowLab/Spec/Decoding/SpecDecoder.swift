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
/// becomes a located error.
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
        let decoder = NodeDecoder(node: node, codingPath: [], context: DecodingContext(root: node, keyPathPrefix: keyPath, recorder: recorder))
        let value: T
        do {
            value = try T(from: decoder)
        } catch let error as DecodingError {
            throw decoder.context.specError(from: error)
        }
        try SpecErrors.throwIfAny(recorder.unknownKeys(context: decoder.context))
        return value
    }
}
