extension SpecNode: Decodable {
    /// Takes the subtree as it is, without checking its keys; only ``SpecDecoder`` can decode a `SpecNode`.
    public init(from decoder: any Decoder) throws {
        guard let decoder = decoder as? NodeDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "a SpecNode can only be decoded by SpecDecoder"))
        }
        self = decoder.node
    }
}
