import FlowHDF5
import FlowNN
import FlowTensor
import Foundation

/// `checkpoint.h5`: one group per trained model, rewritten atomically at every checkpoint.
///
/// ```
/// /<model>/params/<dotted.name>     parameters (float32)
/// /<model>/ema/<dotted.name>        the weight average, when training keeps one
/// /<model>/optimizer/<name>.exp_avg, .exp_avg_sq, .step
/// @step, @completed, @rng (JSON of the data and noise streams) on /<model>
/// @spec_sha256 on / (``ExperimentSpec/fingerprint`` of the spec that trained the models)
/// ```
///
/// Every array carries a Fletcher-32 checksum, and restored tensors must be finite: a damaged file is an
/// error that says how to restart, never Adam moments of 3.4e38 restored in silence.
enum CheckpointFile {
    static func write(_ states: [any TrainableState], to url: URL, experiment: String, specFingerprint: String) throws {
        try HDF5File.writeAtomically(to: url) { file in
            file.checksumsNewDatasets = true
            try file.setAttribute("experiment", .string(experiment))
            try file.setAttribute("spec_sha256", .string(specFingerprint))
            try file.setAttribute("models", .strings(states.map(\.key)))
            for state in states {
                try StateDictionary.write(state.module.stateDict(), to: file, group: "\(state.key)/params")
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
    ///
    /// The file's `spec_sha256` must be one of `acceptedFingerprints` (the current spec's, plus the previous one
    /// when a resume extends training); a damaged file or non-finite values are an ``ExperimentError`` naming
    /// the file and how to restart.
    static func restore(_ state: any TrainableState, from url: URL, acceptedFingerprints: Set<String>) throws -> Bool {
        guard FileManager.default.fileExists(atPath: url.path) else { return false }
        do {
            let file = try HDF5File.open(url)
            defer { try? file.close() }
            if let recorded = try? file.attribute("spec_sha256").stringValue, !acceptedFingerprints.contains(recorded) {
                throw mismatch(url, recorded: recorded, accepted: acceptedFingerprints)
            }
            guard try file.exists(state.key) else { return false }
            let parameters = try StateDictionary.read(from: file, group: "\(state.key)/params")
            try requireFinite(parameters, group: "\(state.key)/params", url: url)
            try state.module.loadStateDict(parameters)
            if let average = state.average {
                let shadow = try StateDictionary.read(from: file, group: "\(state.key)/ema")
                try requireFinite(shadow, group: "\(state.key)/ema", url: url)
                try average.load(shadow)
            }
            if try file.exists("\(state.key)/optimizer") {
                let moments = try StateDictionary.read(from: file, group: "\(state.key)/optimizer")
                try requireFinite(moments, group: "\(state.key)/optimizer", url: url)
                try state.optimizer.load(moments)
            }
            guard let step = try file.attribute("step", at: state.key).intValue,
                  let completed = try file.attribute("completed", at: state.key).intValue,
                  let rng = try file.attribute("rng", at: state.key).stringValue else {
                throw damaged(url, "/\(state.key) lacks its step, completed or rng attribute")
            }
            guard step >= 0 else { throw damaged(url, "/\(state.key) has step \(step)") }
            state.step = step
            state.completed = completed == 1
            try state.restoreGenerators(from: rng, file: url)
            return true
        } catch let error as HDF5Error {
            throw damaged(url, error.message)
        } catch let error as StateDictionaryError {
            throw damaged(url, "\(error)")
        }
    }

    /// Throws unless the checkpoint at `url` (if any) was written by a spec with one of `acceptedFingerprints`.
    static func checkFingerprint(at url: URL, acceptedFingerprints: Set<String>) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            let file = try HDF5File.open(url)
            defer { try? file.close() }
            if let recorded = try? file.attribute("spec_sha256").stringValue, !acceptedFingerprints.contains(recorded) {
                throw mismatch(url, recorded: recorded, accepted: acceptedFingerprints)
            }
        } catch let error as HDF5Error {
            throw damaged(url, error.message)
        }
    }

    /// The step and completion of model `key` in the checkpoint at `url`, when the file exists, was written with
    /// `fingerprint` and holds the model; nil otherwise (no file, another spec's, or unreadable).
    static func progress(of key: String, at url: URL, fingerprint: String) -> (step: Int, completed: Bool)? {
        guard FileManager.default.fileExists(atPath: url.path), let file = try? HDF5File.open(url) else { return nil }
        defer { try? file.close() }
        guard (try? file.attribute("spec_sha256").stringValue) == fingerprint, (try? file.exists(key)) == true,
              let step = try? file.attribute("step", at: key).intValue,
              let completed = try? file.attribute("completed", at: key).intValue else { return nil }
        return (step, completed == 1)
    }

    private static func mismatch(_ url: URL, recorded: String, accepted: Set<String>) -> ExperimentError {
        ExperimentError("""
            \(url.path) was written by a run of another spec (spec_sha256 \(recorded.prefix(12))…, \
            this spec's is \(accepted.sorted().first?.prefix(12) ?? "?")…): resolved.yaml was edited \
            or the checkpoint was copied from another run. Restore resolved.yaml, or start a new run with \
            flowlab run <spec> (to extend training, resume with train.steps=N)
            """)
    }

    /// Throws ``damaged(_:_:)`` when any tensor of `dictionary` holds NaN or an infinity.
    private static func requireFinite(_ dictionary: [String: Tensor], group: String, url: URL) throws {
        for (name, tensor) in dictionary.sorted(by: { $0.key < $1.key }) {
            let finite: Bool
            switch tensor.dtype {
            case .float32: finite = tensor.buffer(Float.self).allSatisfy(\.isFinite)
            case .float64: finite = tensor.buffer(Double.self).allSatisfy(\.isFinite)
            default: finite = true
            }
            guard finite else { throw damaged(url, "/\(group)/\(name) holds NaN or infinite values") }
        }
    }

    /// "checkpoint.h5 is damaged (...); restart with ...".
    static func damaged(_ url: URL, _ reason: String) -> ExperimentError {
        let run = url.deletingLastPathComponent().path
        return ExperimentError("""
            \(url.path) is damaged (\(reason)). Restart training from step 0 with: \
            mv \(ShellQuoting.quote(url.path)) \(ShellQuoting.quote(url.path + ".damaged")) && flowlab run --resume \(ShellQuoting.quote(run)) \
            (or start a new run)
            """)
    }
}
