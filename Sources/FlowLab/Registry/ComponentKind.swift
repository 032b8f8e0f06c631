/// A kind of component chosen by name in a spec, such as `scheduler` or `metric`.
public struct ComponentKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The kind's name as it appears in messages: `scheduler`, `time_sampler`.
    public let rawValue: String

    /// Creates a kind.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The kind's name.
    public var description: String { rawValue }

    /// Probability-path schedulers (`condot`, `cosine`, `polynomial`, ...).
    public static let scheduler = ComponentKind(rawValue: "scheduler")
    /// Probability paths (`affine`, `mixture`).
    public static let path = ComponentKind(rawValue: "path")
    /// Source distributions (`gaussian`, `uniform`, `mask`).
    public static let source = ComponentKind(rawValue: "source")
    /// Training-time samplers (`uniform`, `logit_normal`).
    public static let timeSampler = ComponentKind(rawValue: "time_sampler")
    /// Losses (`mse`, `generalized_kl`).
    public static let loss = ComponentKind(rawValue: "loss")
    /// Sampling solvers (`euler`, ...).
    public static let solver = ComponentKind(rawValue: "solver")
    /// Guidance (`cfg`, ...).
    public static let guidance = ComponentKind(rawValue: "guidance")
    /// Models.
    public static let model = ComponentKind(rawValue: "model")
    /// Datasets.
    public static let dataset = ComponentKind(rawValue: "dataset")
    /// Evaluation metrics.
    public static let metric = ComponentKind(rawValue: "metric")
    /// Representation-alignment terms (`repa`, ...).
    public static let alignment = ComponentKind(rawValue: "alignment")
}
