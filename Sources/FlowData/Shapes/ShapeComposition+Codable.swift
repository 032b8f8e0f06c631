extension ShapeComposition {
    /// Decodes the text form "blue:triangle", so specs and JSON write a held-out pair as one string.
    public init(from decoder: any Decoder) throws {
        try self.init(parsing: decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the text form "blue:triangle".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
