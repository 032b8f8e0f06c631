import FlowHDF5
import FlowNN
import Foundation

/// Starts a model from trained parameters: another run's checkpoint (`init: {model: path/to/checkpoint.h5, prefix: ...}`)
/// or a stage of the spec (`init: {stage: NAME, prefix: ...}`); how "scratch versus pretrained" comparisons are made.
///
/// From a file, the parameters are read from `/<prefix>/params` when a prefix is given, else from `/params`
/// (a plain state dictionary), else from the only model group of a FlowLab checkpoint, else from the group
/// named like the model being trained; names and shapes must match exactly. From a stage (its cached
/// `checkpoint.h5`), every parameter is taken, or with a prefix only those named `<prefix>.*`, which must all
/// exist in the stage with the same shapes (the others keep their fresh initialisation). Every mismatch is listed.
/// REPA's projectors (`*.projectors.*`, heads trained only through an alignment term and discarded after training, as
/// REPA does) are exempt from a stage start: present on one side only, they are left out (kept fresh in the model, not
/// read from the stage), so a model with an alignment term can start from a stage trained without one and back.
enum CheckpointInitialization {
    /// Loads `initialization`'s parameters into `state` (restarting its weight average there); a stage is found in
    /// `stageCheckpoints` (stage name → its `checkpoint.h5` in the stage cache).
    static func apply(_ initialization: InitSpec, to state: any TrainableState, modelKey: String,
                      stageCheckpoints: [String: URL] = [:]) throws {
        switch initialization.source {
        case .checkpoint(let path):
            try applyFile(URL(fileURLWithPath: path), prefix: initialization.prefix, to: state, modelKey: modelKey)
        case .stage(let name):
            guard let url = stageCheckpoints[name] else {
                throw ExperimentError("init.stage: stage '\(name)' has not been trained or found in the stage cache before model '\(modelKey)'")
            }
            try applyStage(name, checkpoint: url, prefix: initialization.prefix, to: state, modelKey: modelKey)
        }
        state.average?.load(fromCurrentParametersOf: state.module)
    }

    private static func applyFile(_ url: URL, prefix: String, to state: any TrainableState, modelKey: String) throws {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ExperimentError("init.model: no checkpoint at \(url.path)")
        }
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        let group: String
        if !prefix.isEmpty {
            group = "\(prefix)/params"
        } else if try file.exists("params") {
            group = "params"
        } else {
            let models = try modelGroups(in: file)
            if models.count == 1 {
                group = "\(models[0])/params"
            } else if models.contains(modelKey) {
                group = "\(modelKey)/params"
            } else {
                throw ExperimentError("init.model: \(url.path) holds the models \(models.joined(separator: ", ")); choose one with init.prefix")
            }
        }
        guard try file.exists(group) else {
            throw ExperimentError("init.prefix: \(url.path) has no group /\(group)")
        }
        do {
            try state.module.loadStateDict(try StateDictionary.read(from: file, group: group))
        } catch let error as StateDictionaryError {
            throw ExperimentError("init.model: the parameters in \(url.path):/\(group) do not fit model '\(modelKey)': \(error)")
        }
    }

    private static func applyStage(_ name: String, checkpoint url: URL, prefix: String, to state: any TrainableState,
                                   modelKey: String) throws {
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        let models = try modelGroups(in: file)
        guard models.count == 1 else {
            throw ExperimentError("init.stage: \(url.path) should hold one model, not \(models.count); delete the stage folder to train it again")
        }
        let own = state.module.stateDict().mapValues(\.shape)
        let stored = try StateDictionary.read(from: file, group: "\(models[0])/params")
            .filter { !isAlignmentHead($0.key) || own[$0.key] != nil }
        if let problem = fitProblem(model: own, stage: stored.mapValues(\.shape), prefix: prefix) {
            throw ExperimentError("init: the parameters of stage '\(name)' (\(url.path)) do not fit model '\(modelKey)': \(problem)")
        }
        let freshHeads = own.keys.contains { isAlignmentHead($0) && stored[$0] == nil }
        try state.module.loadStateDict(prefix.isEmpty ? stored : stored.filter { selects(prefix, $0.key) },
                                       strict: prefix.isEmpty && !freshHeads)
    }

    /// The groups of a FlowLab checkpoint that hold a model (`/<model>/params`).
    private static func modelGroups(in file: HDF5File) throws -> [String] {
        try file.children(of: "/").filter { try file.exists("\($0)/params") }
    }

    /// Whether parameter `name` belongs to a REPA projector (`image_model.projectors.0.2.weight`), exempt from a stage start.
    static func isAlignmentHead(_ name: String) -> Bool {
        name.hasPrefix("projectors.") || name.contains(".projectors.")
    }

    /// Whether parameter `name` is under `prefix` (`blocks` selects `blocks.0.weight`, not `blocksX.weight`).
    static func selects(_ prefix: String, _ name: String) -> Bool {
        prefix.isEmpty || name == prefix || name.hasPrefix(prefix + ".")
    }

    /// Why a stage's parameters (name → shape) cannot start a model's, or nil when they can: with an empty prefix the
    /// names and shapes must be the same; with a prefix every model parameter under it must be in the stage with
    /// the same shape, and the stage must have no other parameter under it.
    static func fitProblem(model: [String: [Int]], stage: [String: [Int]], prefix: String) -> String? {
        let own = model.filter { selects(prefix, $0.key) && !(isAlignmentHead($0.key) && stage[$0.key] == nil) }
        let given = stage.filter { selects(prefix, $0.key) && !(isAlignmentHead($0.key) && model[$0.key] == nil) }
        if !prefix.isEmpty, own.isEmpty {
            return "the model has no parameter named '\(prefix)' or '\(prefix).*' (parameters: \(listing(model.keys)))"
        }
        var parts: [String] = []
        let missing = own.keys.filter { given[$0] == nil }
        let unexpected = given.keys.filter { own[$0] == nil }
        let misshaped = own.compactMap { name, shape in given[name].flatMap { $0 == shape ? nil : "\(name) is \(shape) here, \($0) in the stage" } }
        if !missing.isEmpty { parts.append("missing from the stage (\(missing.count)): \(listing(missing))") }
        if !unexpected.isEmpty { parts.append("only in the stage (\(unexpected.count)): \(listing(unexpected))") }
        if !misshaped.isEmpty { parts.append("shapes differ (\(misshaped.count)): \(listing(misshaped, separator: "; "))") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// At most five items, sorted, then how many more.
    private static func listing(_ items: some Collection<String>, separator: String = ", ") -> String {
        let sorted = items.sorted()
        return sorted.prefix(5).joined(separator: separator) + (sorted.count > 5 ? "\(separator)... (\(sorted.count - 5) more)" : "")
    }
}

extension ExponentialMovingAverage {
    /// Restarts the average at the module's current parameters.
    func load(fromCurrentParametersOf module: Module) {
        try? load(Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.tensor.copy()) }))
    }
}
