/// The options type of a component that takes none: any key written under it is an unknown-key error.
public struct NoOptions: Decodable, Sendable, Equatable {
    /// No options.
    public init() {}

    /// Opens the mapping so that every key in it is reported as unknown.
    public init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: SpecKey.self)
    }
}
