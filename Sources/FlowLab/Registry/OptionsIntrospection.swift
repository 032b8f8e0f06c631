/// Finds a component's options, their types, whether they are required, and their defaults, by running the
/// options type's own `init(from:)` against a decoder that records every key it asks for.
///
/// Nothing is declared twice: what `flowlab components` lists is what the spec decoder accepts. An optional
/// key is answered "absent", so the type falls back to its default, which is then read from the decoded
/// value by reflection; a required key gets a placeholder and is listed as required. Example:
///
///     let options = OptionsIntrospection.describe(GaussianGridOptions.self)
///     // [modes: Int = 6, radius: Double = 4.0, ..., conditioning: Conditioning = data]
enum OptionsIntrospection {
    /// The options `Options.init(from:)` reads, in the order it reads them.
    static func describe<Options: Decodable>(_ type: Options.Type) -> [ComponentOption] {
        let recorder = Recorder()
        let decoded = try? Options(from: RecordingDecoder(recorder: recorder, prefix: ""))
        let defaults = decoded.map(leaves) ?? [:]
        var options: [ComponentOption] = []
        for entry in recorder.entries where !options.contains(where: { $0.key == entry.key }) {
            var option = ComponentOption(key: entry.key, type: entry.type, isRequired: entry.isRequired, defaultValue: nil)
            if !entry.isRequired, !defaults.isEmpty {
                option.defaultValue = defaultText(of: entry.key, in: defaults, options: Options.self)
            }
            options.append(option)
        }
        return options
    }

    /// The default of `key`: the stored property of the same name (`cells_per_side` is `cellsPerSide`), else the
    /// property that changes when only `key` is given a value (`std` sets `standardDeviation`).
    static func defaultText<Options: Decodable>(of key: String, in defaults: [String: String], options: Options.Type) -> String? {
        let name = normalized(key.split(separator: ".").last.map(String.init) ?? key)
        if let match = defaults.first(where: { normalized($0.key.split(separator: ".").last.map(String.init) ?? $0.key) == name }) {
            return match.value
        }
        for sentinel in [0.5, 2, 7, 0.25] {
            let recorder = Recorder()
            recorder.sentinel = (key, sentinel)
            guard let changed = try? Options(from: RecordingDecoder(recorder: recorder, prefix: "")) else { continue }
            let differing = leaves(of: changed).filter { defaults[$0.key] != $0.value }.map(\.key)
            if differing.count == 1 { return defaults[differing[0]] }
        }
        return nil
    }

    /// `cellsPerSide` and `cells_per_side` both as `cellsperside`.
    private static func normalized(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "_", with: "")
    }

    /// The stored properties of `value` as dotted paths (nested structs flattened) and their values as text.
    static func leaves(of value: Any) -> [String: String] {
        var result: [String: String] = [:]
        func visit(_ value: Any, prefix: String) {
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .struct, !mirror.children.isEmpty {
                for child in mirror.children {
                    visit(child.value, prefix: prefix.isEmpty ? child.label ?? "?" : prefix + "." + (child.label ?? "?"))
                }
            } else {
                result[prefix] = text(of: value)
            }
        }
        visit(value, prefix: "")
        return result
    }

    private static func text(of value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return "none" }
            return text(of: wrapped)
        }
        return "\(value)"
    }

    /// The type as a spec writer reads it: `Double`, `[Double]`, `Int`.
    static func typeName<T>(_ type: T.Type) -> String {
        let name = "\(type)"
        if name.hasPrefix("Array<"), name.hasSuffix(">") { return "[" + name.dropFirst(6).dropLast() + "]" }
        return name
    }

    /// Everything the decoder was asked, in order.
    final class Recorder {
        struct Entry {
            let key: String
            let type: String
            let isRequired: Bool
        }
        var entries: [Entry] = []
        /// A key to answer with a number instead of "absent" (to find which property it sets).
        var sentinel: (key: String, value: Double)?
    }

    /// A decoder whose containers answer "absent" to optional keys and a placeholder to required ones.
    struct RecordingDecoder: Decoder {
        let recorder: Recorder
        let prefix: String
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(RecordingKeyedContainer<Key>(recorder: recorder, prefix: prefix))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { EmptyUnkeyedContainer() }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { PlaceholderValue() }
    }

    struct RecordingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let recorder: Recorder
        let prefix: String
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { false }

        private func record<T>(_ key: Key, _ type: T.Type, required: Bool) {
            recorder.entries.append(.init(key: prefix + key.stringValue, type: OptionsIntrospection.typeName(type),
                                          isRequired: required))
        }

        func decodeNil(forKey key: Key) throws -> Bool { true }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            record(key, type, required: true)
            return try T(from: RecordingDecoder(recorder: Recorder(), prefix: ""))
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            if type == Double.self { return try decodeIfPresent(Double.self, forKey: key) as? T }
            if type == Int.self { return try decodeIfPresent(Int.self, forKey: key) as? T }
            record(key, type, required: false)
            return nil
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { record(key, type, required: true); return false }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { record(key, type, required: true); return "" }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { record(key, type, required: true); return 1 }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { record(key, type, required: true); return 1 }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { record(key, type, required: true); return 1 }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
            record(key, type, required: false)
            return recorder.sentinel?.key == prefix + key.stringValue ? recorder.sentinel?.value : nil
        }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            record(key, type, required: false)
            guard recorder.sentinel?.key == prefix + key.stringValue, let value = recorder.sentinel?.value, value == value.rounded() else { return nil }
            return Int(value)
        }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { record(key, type, required: true); return 1 }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { record(key, type, required: true); return 1 }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { record(key, type, required: true); return 1 }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { record(key, type, required: true); return 1 }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { record(key, type, required: true); return 1 }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { record(key, type, required: true); return 1 }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { record(key, type, required: true); return 1 }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { record(key, type, required: true); return 1 }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { record(key, type, required: true); return 1 }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { record(key, type, required: false); return nil }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { record(key, type, required: false); return nil }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            KeyedDecodingContainer(RecordingKeyedContainer<NestedKey>(recorder: recorder, prefix: prefix + key.stringValue + "."))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { EmptyUnkeyedContainer() }

        func superDecoder() throws -> any Decoder { RecordingDecoder(recorder: recorder, prefix: prefix) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            RecordingDecoder(recorder: recorder, prefix: prefix + key.stringValue + ".")
        }
    }

    /// An empty list.
    struct EmptyUnkeyedContainer: UnkeyedDecodingContainer {
        var codingPath: [any CodingKey] { [] }
        var count: Int? { 0 }
        var isAtEnd: Bool { true }
        var currentIndex: Int { 0 }

        mutating func decodeNil() throws -> Bool { true }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "introspection: an empty list"))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "introspection: an empty list"))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { self }

        mutating func superDecoder() throws -> any Decoder {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "introspection: an empty list"))
        }
    }

    /// A single value that is a neutral placeholder (1 for numbers, "" for text).
    struct PlaceholderValue: SingleValueDecodingContainer {
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { false }
        func decode(_ type: String.Type) throws -> String { "" }
        func decode(_ type: Double.Type) throws -> Double { 1 }
        func decode(_ type: Float.Type) throws -> Float { 1 }
        func decode(_ type: Int.Type) throws -> Int { 1 }
        func decode(_ type: Int8.Type) throws -> Int8 { 1 }
        func decode(_ type: Int16.Type) throws -> Int16 { 1 }
        func decode(_ type: Int32.Type) throws -> Int32 { 1 }
        func decode(_ type: Int64.Type) throws -> Int64 { 1 }
        func decode(_ type: UInt.Type) throws -> UInt { 1 }
        func decode(_ type: UInt8.Type) throws -> UInt8 { 1 }
        func decode(_ type: UInt16.Type) throws -> UInt16 { 1 }
        func decode(_ type: UInt32.Type) throws -> UInt32 { 1 }
        func decode(_ type: UInt64.Type) throws -> UInt64 { 1 }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: RecordingDecoder(recorder: Recorder(), prefix: "")) }
    }
}
