import FlowHDF5
import FlowNN
import FlowTensor
import Foundation

/// The trained stages a model may load frozen: stage name → its `checkpoint.h5` in the stage cache.
///
/// A stage's frozen network is its weight average (`/<model>/ema`) when training kept one, else its parameters
/// (`/<model>/params`); the names and shapes must fit the network that loads them exactly, else the error lists
/// the differences and says which stage and option they come from.
///
/// ```swift
/// let frozen = FrozenStages(checkpoints: ["tokenizer": url])
/// try frozen.load(FrozenStageReference(stage: "tokenizer"), option: "tokenizer", into: tokenizer)
/// ```
struct FrozenStages: Sendable {
    /// Stage name → its checkpoint.
    let checkpoints: [String: URL]
    /// Stage name → its resolved spec (how to build the network its checkpoint holds).
    let specs: [String: ExperimentSpec]

    /// The stages whose checkpoints and specs are given.
    init(checkpoints: [String: URL], specs: [String: ExperimentSpec] = [:]) {
        self.checkpoints = checkpoints
        self.specs = specs
    }

    /// No stages (a model that loads none, or validation, where nothing is trained).
    static let none = FrozenStages(checkpoints: [:])

    /// The resolved spec of the stage `reference` names, for option `option` (to build its network before loading it).
    func spec(of reference: FrozenStageReference, option: String) throws -> ExperimentSpec {
        guard let spec = specs[reference.stage] else {
            throw ExperimentError("model.\(option).stage: the spec of stage '\(reference.stage)' is not known to the model that loads it")
        }
        return spec
    }

    /// The averaged (else plain) parameters of the stage `reference` names, for option `option`.
    func parameters(of reference: FrozenStageReference, option: String) throws -> [String: Tensor] {
        guard let url = checkpoints[reference.stage] else {
            throw ExperimentError("model.\(option).stage: stage '\(reference.stage)' has not been trained or found in the stage cache before the model that loads it")
        }
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        let models = try file.children(of: "/").filter { try file.exists("\($0)/params") }
        guard models.count == 1 else {
            throw ExperimentError("model.\(option).stage: \(url.path) should hold one model, not \(models.count); delete the stage folder to train it again")
        }
        let group = try file.exists("\(models[0])/ema") ? "\(models[0])/ema" : "\(models[0])/params"
        return try StateDictionary.read(from: file, group: group)
    }

    /// Loads the stage `reference` names into `module` (every parameter, names and shapes equal), for option `option`.
    func load(_ reference: FrozenStageReference, option: String, into module: Module) throws {
        let stored = try parameters(of: reference, option: option)
        if let problem = CheckpointInitialization.fitProblem(model: module.stateDict().mapValues(\.shape),
                                                             stage: stored.mapValues(\.shape), prefix: "") {
            throw ExperimentError("model.\(option).stage: the network of stage '\(reference.stage)' does not fit the \(option) this model expects: \(problem); train the stage with the same sizes (or --retrain it)")
        }
        try module.loadStateDict(stored)
    }
}
