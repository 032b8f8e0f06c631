/// How to train: steps, batch size, optimizer, schedule and the optional extras.
public struct TrainSpec: Sendable, Equatable {
    /// Optimizer steps, > 0.
    public var steps: Int
    /// Examples per step (`batch_size`), in 1...``SizeLimits/batchSize``.
    public var batchSize: Int
    /// The optimizer.
    public var optimizer: OptimizerSpec
    /// The learning-rate schedule.
    public var schedule: ScheduleSpec
    /// Clip the global gradient norm to this value (`grad_clip`), > 0; nil: no clipping.
    public var gradientClip: Double?
    /// Clip each flow of a joint `crossflows` model (its image flow, its caption flow) to `grad_clip` on its own
    /// (`grad_clip_per_flow`), so that one flow's large gradients do not shrink the other's steps; false: one norm.
    public var clipsEachFlow: Bool
    /// Exponential-moving-average decay of the weights (`ema`), in [0, 1); nil: no EMA.
    public var emaDecay: Double?
    /// Probability of dropping the condition for classifier-free guidance (`condition_dropout`), in [0, 1]; nil: never.
    public var conditionDropout: Double?
    /// Write a checkpoint every this many steps (`checkpoint_every`), > 0; nil: only at the end.
    public var checkpointEvery: Int?
    /// Log training metrics every this many steps (`log_every`), > 0; nil: the trainer's choice.
    public var logEvery: Int?
}

extension TrainSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case steps, optimizer, schedule
        case batchSize = "batch_size"
        case gradientClip = "grad_clip"
        case clipsEachFlow = "grad_clip_per_flow"
        case emaDecay = "ema"
        case conditionDropout = "condition_dropout"
        case checkpointEvery = "checkpoint_every"
        case logEvery = "log_every"
    }

    /// Decodes and range-checks the training settings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        steps = try container.decode(Int.self, forKey: .steps, where: .positive)
        batchSize = try container.decode(Int.self, forKey: .batchSize, where: .within(1...SizeLimits.batchSize))
        optimizer = try container.decode(OptimizerSpec.self, forKey: .optimizer)
        schedule = try container.decode(ScheduleSpec.self, forKey: .schedule)
        gradientClip = try container.decodeIfPresent(Double.self, forKey: .gradientClip, where: .positive)
        clipsEachFlow = try container.decodeIfPresent(Bool.self, forKey: .clipsEachFlow) ?? false
        if clipsEachFlow && gradientClip == nil {
            throw DecodingError.dataCorruptedError(forKey: .clipsEachFlow, in: container,
                                                   debugDescription: "grad_clip_per_flow clips each flow to grad_clip: set grad_clip too")
        }
        emaDecay = try container.decodeIfPresent(Double.self, forKey: .emaDecay, where: .within(0.0..<1.0))
        conditionDropout = try container.decodeIfPresent(Double.self, forKey: .conditionDropout, where: .probability)
        checkpointEvery = try container.decodeIfPresent(Int.self, forKey: .checkpointEvery, where: .positive)
        logEvery = try container.decodeIfPresent(Int.self, forKey: .logEvery, where: .positive)
    }
}
