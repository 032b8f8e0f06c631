/// How to evaluate: how many samples and which metrics.
public struct EvalSpec: Sendable, Equatable {
    /// Samples to draw for evaluation, in 1...``SizeLimits/evaluationSamples``.
    public var samples: Int
    /// Components of kind `metric`, at least one, each named once.
    public var metrics: [ComponentSpec]
}

extension EvalSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case samples, metrics
    }

    /// Decodes and range-checks the evaluation settings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        samples = try container.decode(Int.self, forKey: .samples, where: .within(1...SizeLimits.evaluationSamples))
        metrics = try container.decode([ComponentSpec].self, forKey: .metrics)
        if metrics.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .metrics, in: container,
                                                   debugDescription: "expected at least one metric; an evaluation without metrics would train for nothing")
        }
        var seen: Set<String> = []
        for metric in metrics where !seen.insert(metric.name).inserted {
            throw SpecError(location: metric.location, keyPath: metric.keyPath, message: "metric '\(metric.name)' is listed twice")
        }
    }
}
