/// Initialise the model from trained parameters: a checkpoint file of an earlier run (`init: {model: PATH}`) or a
/// stage of this spec (`init: {stage: NAME}`), exactly one of them.
///
/// ```yaml
/// init: {model: Results/modecollapse/20250101-120000-a1b2c3/checkpoint.h5, prefix: crossflows}
/// init: {stage: pretrain}                         # every parameter from stage 'pretrain'
/// init: {stage: pretrain, prefix: velocityNetwork} # only the parameters named velocityNetwork.*
/// ```
public struct InitSpec: Sendable, Equatable {
    /// Where the parameters come from.
    public enum Source: Sendable, Equatable {
        /// A checkpoint file (`model`).
        case checkpoint(path: String)
        /// A stage of the spec (`stage`), trained first or reused from the stage cache.
        case stage(name: String)
    }

    /// Where the parameters come from.
    public var source: Source
    /// With `model`: the model group inside the checkpoint, e.g. `crossflows`. With `stage`: the parameter-name
    /// prefix to take from the stage (`velocityNetwork` selects `velocityNetwork.*`; the other parameters keep
    /// their fresh initialisation). Empty when not written: the only model of the file, and every parameter.
    public var prefix: String

    /// A checkpoint-file reference.
    public init(model: String, prefix: String = "") {
        source = .checkpoint(path: model)
        self.prefix = prefix
    }

    /// A stage reference.
    public init(stage: String, prefix: String = "") {
        source = .stage(name: stage)
        self.prefix = prefix
    }

    /// The checkpoint file, when the source is one.
    public var model: String? {
        if case .checkpoint(let path) = source { return path }
        return nil
    }

    /// The stage's name, when the source is a stage.
    public var stage: String? {
        if case .stage(let name) = source { return name }
        return nil
    }

    /// `stage 'pretrain'` or the checkpoint path, with the prefix: for logs.
    public var summary: String {
        let origin: String
        switch source {
        case .checkpoint(let path): origin = path
        case .stage(let name): origin = "stage '\(name)'"
        }
        return prefix.isEmpty ? origin : "\(origin) (prefix \(prefix))"
    }
}

extension InitSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case model, stage, prefix
    }

    /// Decodes the reference; both or neither of `model` and `stage` is an error at `init`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let model = try container.decodeIfPresent(String.self, forKey: .model)
        let stage = try container.decodeIfPresent(String.self, forKey: .stage)
        prefix = try container.decodeIfPresent(String.self, forKey: .prefix) ?? ""
        switch (model, stage) {
        case let (model?, nil):
            source = .checkpoint(path: model)
        case let (nil, stage?):
            source = .stage(name: stage)
        default:
            let node = decoder as? NodeDecoder
            let written = model == nil ? "neither" : "both"
            throw SpecError(location: node?.node.location ?? .generated, keyPath: node?.keyPath ?? "init",
                            message: "give exactly one of 'model' (a checkpoint file) and 'stage' (a stage of this spec), not \(written)")
        }
    }
}
