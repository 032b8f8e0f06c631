/// Initialise the model from a checkpoint of an earlier run.
public struct InitSpec: Sendable, Equatable {
    /// Path of the checkpoint file (`model`).
    public var model: String
    /// The model group inside the checkpoint (`prefix`), e.g. `crossflows`; empty when not written.
    public var prefix: String

    /// A checkpoint reference.
    public init(model: String, prefix: String = "") {
        self.model = model
        self.prefix = prefix
    }
}

extension InitSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case model, prefix
    }

    /// Decodes the checkpoint reference.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        prefix = try container.decodeIfPresent(String.self, forKey: .prefix) ?? ""
    }
}
