import FlowSupport
import Foundation

/// What identifies a trained stage of a spec: hashed into its cache key, and stored as its `configuration.json`.
///
/// The key changes with anything that changes the trained parameters (data, model, modalities, training settings,
/// seed, what it starts from, the FlowLab version) and with nothing else: not the stage's name, the experiment's
/// name, its sampling and evaluation settings, its other seeds or the thread count.
///
/// ```swift
/// let configuration = try StageConfiguration(stage: try spec.stage(named: "pretrain"), seed: 0, stageKeys: [:])
/// let key = try configuration.key()   // 64 hex digits: Results/.stages/<key>/
/// ```
public struct StageConfiguration: Codable, Sendable, Equatable {
    /// The kind of stage in `StageCache` keys and provenance.
    public static let kind = "training_stage"
    /// Top-level keys of a stage's resolved spec that do not change what it trains.
    static let untrainedKeys: Set<String> = ["sample", "eval", "variants", "description", "sweep", "report", "stages",
                                             "experiment", "threads", "seeds", "init"]

    /// The stage's resolved spec without ``untrainedKeys``, every mapping's keys sorted, as YAML.
    public var spec: String
    /// The seed it is trained with.
    public var seed: Int
    /// What it starts from: `init.stage` (the referenced stage's key), `init.model` (the SHA-256 of the file), and
    /// `init.prefix`; the keys of the stages it loads frozen (`model.tokenizer.stage`, ...) and the SHA-256 of a
    /// teacher's weights file (`model.teacher.weights`); empty when it starts from scratch and loads none.
    public var inputs: [String: String]

    /// The configuration of `stage` (a resolved stage spec) trained with `seed`; `stageKeys` holds the keys of the
    /// earlier stages of the same seed by name.
    public init(stage: ExperimentSpec, seed: Int, stageKeys: [String: String]) throws {
        spec = stage.resolved.removingKeys(Self.untrainedKeys).sortingKeys().yamlText
        self.seed = seed
        var inputs: [String: String] = [:]
        if let initialization = stage.initialization {
            switch initialization.source {
            case .stage(let name):
                guard let key = stageKeys[name] else {
                    throw ExperimentError("init.stage: stage '\(name)' must come before the stage that starts from it")
                }
                inputs["init.stage"] = key
            case .checkpoint(let path):
                inputs["init.model"] = try Self.digest(ofFileAt: path) { "init.model: no checkpoint at \($0)" }
            }
            if !initialization.prefix.isEmpty { inputs["init.prefix"] = initialization.prefix }
        }
        for path in StageGraph.frozenKeyPaths {
            var node: SpecNode? = stage.resolved
            for key in path { node = node?[key] }
            guard let scalar = node?.scalar, scalar.kind != .null else { continue }
            let keyPath = path.joined(separator: ".")
            guard let key = stageKeys[scalar.text] else {
                throw ExperimentError("\(keyPath): stage '\(scalar.text)' must come before the stage that loads it")
            }
            inputs[keyPath] = key
        }
        // A teacher read from a weights file (`model.teacher.weights`) is keyed by the file's contents, not its name.
        if let path = stage.resolved["model"]?["teacher"]?["weights"]?.scalar?.text {
            inputs["model.teacher.weights"] = try Self.digest(ofFileAt: path) { "model.teacher.weights: no teacher weights file at \($0)" }
        }
        self.inputs = inputs
    }

    /// The SHA-256 of the file at `path` (relative to the working directory); a missing file throws `missing(its path)`.
    private static func digest(ofFileAt path: String, missing: (String) -> String) throws -> String {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw ExperimentError(missing(url.path)) }
        return try SHA256Digest.hex(ofFileAt: url)
    }

    /// The stage's cache key: see ``StageCache/key(kind:configuration:)``.
    public func key() throws -> String {
        try StageCache.key(kind: Self.kind, configuration: self)
    }
}
