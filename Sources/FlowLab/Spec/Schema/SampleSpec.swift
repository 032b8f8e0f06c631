/// How to sample: the solver, its number of steps and optional guidance.
public struct SampleSpec: Sendable, Equatable {
    /// Component of kind `solver`.
    public var solver: ComponentSpec
    /// Solver steps, in 1...``SizeLimits/sampleSteps``.
    public var steps: Int
    /// Component of kind `guidance`; nil: unguided.
    public var guidance: ComponentSpec?
}

extension SampleSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case solver, steps, guidance
    }

    /// Decodes and range-checks the sampling settings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        solver = try container.decode(ComponentSpec.self, forKey: .solver)
        steps = try container.decode(Int.self, forKey: .steps, where: .within(1...SizeLimits.sampleSteps))
        guidance = try container.decodeIfPresent(ComponentSpec.self, forKey: .guidance)
    }
}
