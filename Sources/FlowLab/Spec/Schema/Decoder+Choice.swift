extension Decoder {
    /// Decodes a string that must be one of `T`'s raw values; otherwise a located error lists them.
    func decodeChoice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
        let text = try singleValueContainer().decode(String.self)
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        let location = (self as? NodeDecoder)?.node.location ?? .generated
        let keyPath = (self as? NodeDecoder)?.keyPath ?? codingPath.map(\.stringValue).joined(separator: ".")
        throw SpecError(location: location, keyPath: keyPath,
                        message: "unknown value '\(text)'; expected one of: \(names.joined(separator: ", "))\(Suggestions.didYouMean(text, among: names))")
    }
}
