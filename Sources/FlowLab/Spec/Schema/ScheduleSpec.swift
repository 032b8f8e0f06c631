/// The learning-rate schedule.
///
/// ```yaml
/// schedule: {name: cosine, warmup_steps: 100}
/// ```
public struct ScheduleSpec: Sendable, Equatable {
    /// The schedules FlowLab provides.
    public enum Name: String, Sendable, Equatable, CaseIterable, Decodable {
        /// The peak learning rate throughout (after warmup).
        case constant
        /// Linear warmup to the peak, then constant.
        case linearWarmup = "linear_warmup"
        /// Linear warmup, then cosine decay to zero at the last step.
        case cosine

        /// Decodes one of the case names; anything else is a located error listing them.
        public init(from decoder: any Decoder) throws {
            self = try decoder.decodeChoice(Self.self)
        }
    }

    /// Which schedule.
    public var name: Name
    /// Steps of linear warmup from 0 to the peak (`warmup_steps`), >= 0; 0 when not written.
    public var warmupSteps: Int

    /// Creates a schedule spec.
    public init(name: Name, warmupSteps: Int = 0) {
        self.name = name
        self.warmupSteps = warmupSteps
    }
}

extension ScheduleSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case name
        case warmupSteps = "warmup_steps"
    }

    /// Decodes a schedule given as a bare name (`cosine`) or a mapping.
    public init(from decoder: any Decoder) throws {
        if let node = (decoder as? NodeDecoder)?.node, node.scalar != nil {
            self.init(name: try Name(from: decoder))
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(Name.self, forKey: .name),
                  warmupSteps: try container.decodeIfPresent(Int.self, forKey: .warmupSteps, where: .nonNegative) ?? 0)
    }
}
