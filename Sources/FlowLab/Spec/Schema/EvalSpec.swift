/// How to evaluate: how many samples and which metrics.
public struct EvalSpec: Sendable, Equatable {
    /// Samples to draw for evaluation, > 0.
    public var samples: Int
    /// Components of kind `metric`.
    public var metrics: [ComponentSpec]
}

extension EvalSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case samples, metrics
    }

    /// Decodes and range-checks the evaluation settings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        samples = try container.decode(Int.self, forKey: .samples, where: .positive)
        metrics = try container.decode([ComponentSpec].self, forKey: .metrics)
    }
}
