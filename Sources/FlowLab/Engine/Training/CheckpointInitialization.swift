import FlowHDF5
import FlowNN
import Foundation

/// Starts a model from another run's parameters (`init: {model: path/to/checkpoint.h5, prefix: ...}`): how
/// "scratch versus pretrained" comparisons are made.
///
/// The parameters are read from `/<prefix>/params` of the file when a prefix is given, else from `/params`
/// (a plain state dictionary), else from the only model group of a FlowLab checkpoint, else from the group
/// named like the model being trained. Names and shapes must match exactly; every mismatch is listed.
enum CheckpointInitialization {
    static func apply(_ initialization: InitSpec, to state: any TrainableState, modelKey: String) throws {
        let url = URL(fileURLWithPath: initialization.model)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ExperimentError("init.model: no checkpoint at \(url.path)")
        }
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        let group: String
        if !initialization.prefix.isEmpty {
            group = "\(initialization.prefix)/params"
        } else if try file.exists("params") {
            group = "params"
        } else {
            let models = try file.children(of: "/").filter { try file.exists("\($0)/params") }
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
        state.average?.load(fromCurrentParametersOf: state.module)
    }
}

extension ExponentialMovingAverage {
    /// Restarts the average at the module's current parameters.
    func load(fromCurrentParametersOf module: Module) {
        try? load(Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.tensor.copy()) }))
    }
}
