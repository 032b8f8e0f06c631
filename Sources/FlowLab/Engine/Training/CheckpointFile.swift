import FlowHDF5
import FlowNN
import Foundation

/// `checkpoint.h5`: one group per trained model, rewritten atomically at every checkpoint.
///
/// ```
/// /<model>/params/<dotted.name>     parameters (float32)
/// /<model>/ema/<dotted.name>        the weight average, when training keeps one
/// /<model>/optimizer/<name>.exp_avg, .exp_avg_sq, .step
/// @step, @completed, @rng (JSON of the data and noise streams) on /<model>
/// ```
enum CheckpointFile {
    static func write(_ states: [TrainingState], to url: URL, experiment: String) throws {
        try HDF5File.writeAtomically(to: url) { file in
            try file.setAttribute("experiment", .string(experiment))
            try file.setAttribute("models", .strings(states.map(\.key)))
            for state in states {
                try StateDictionary.write(state.model.stateDict(), to: file, group: "\(state.key)/params")
                if let average = state.average {
                    try StateDictionary.write(average.shadow, to: file, group: "\(state.key)/ema")
                }
                try StateDictionary.write(state.optimizer.optimizerState(), to: file, group: "\(state.key)/optimizer")
                try file.setAttribute("step", .int(state.step), at: state.key)
                try file.setAttribute("completed", .int(state.completed ? 1 : 0), at: state.key)
                try file.setAttribute("rng", .string(state.generatorsJSON), at: state.key)
            }
        }
    }

    /// Restores `state` from the file when the file has its group; returns whether it did.
    static func restore(_ state: TrainingState, from url: URL) throws -> Bool {
        guard FileManager.default.fileExists(atPath: url.path) else { return false }
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        guard try file.exists(state.key) else { return false }
        try state.model.loadStateDict(try StateDictionary.read(from: file, group: "\(state.key)/params"))
        if let average = state.average {
            try average.load(try StateDictionary.read(from: file, group: "\(state.key)/ema"))
        }
        if try file.exists("\(state.key)/optimizer") {
            try state.optimizer.load(try StateDictionary.read(from: file, group: "\(state.key)/optimizer"))
        }
        guard let step = try file.attribute("step", at: state.key).intValue,
              let completed = try file.attribute("completed", at: state.key).intValue,
              let rng = try file.attribute("rng", at: state.key).stringValue else {
            throw ExperimentError("\(url.path): /\(state.key) lacks its step, completed or rng attribute")
        }
        state.step = step
        state.completed = completed == 1
        try state.restoreGenerators(from: rng, file: url)
        return true
    }
}
