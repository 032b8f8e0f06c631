import FlowHDF5
import Foundation

/// The training curves in `metrics.h5`: `/train/<model>/<series>` step series, one value per logged step.
///
/// Every series carries `description` and `unit` attributes saying what it is, and every value series an
/// `x` attribute naming the series it is plotted against (`step`), so h5py users need no documentation:
///
///     f["/train/crossflows/loss"].attrs["description"]   # 'total training loss of the batch (sum of weighted terms)'
final class TrainingMetrics {
    let url: URL

    init(url: URL) {
        self.url = url
    }

    /// Appends one logged step (`step` plus each named value) to the model's series.
    func append(model: String, step: Int, values: [(String, Double)]) throws {
        let file = try HDF5File.openOrCreate(url)
        defer { try? file.close() }
        let stepPath = "/train/\(model)/step"
        let created = try !file.exists(stepPath)
        try file.appendSeries(Int64(step), to: stepPath)
        if created { try Self.describe(series: "step", at: stepPath, in: file) }
        for (name, value) in values {
            let path = "/train/\(model)/\(name)"
            let isNew = try !file.exists(path)
            try file.appendSeries(value, to: path)
            if isNew { try Self.describe(series: name, at: path, in: file) }
        }
    }

    /// What the series `name` is, and its unit, for its attributes.
    static func meaning(of name: String) -> (description: String, unit: String) {
        switch name {
        case "step": return ("optimizer step after which the other series of this group were logged (1-based)", "steps")
        case "loss": return ("total training loss of the batch: the weighted sum of the loss_<modality> terms", "nats (cross-entropy/KL) or squared units (MSE)")
        case "learning_rate": return ("learning rate used for the step (after warmup and schedule)", "1")
        case "gradient_norm": return ("global L2 norm of the gradient before clipping", "1")
        case "samples_per_second": return ("training throughput since the previous logged step", "samples/s")
        case "loss_repa": return ("unweighted REPA alignment term: mean negative cosine similarity of the projected image-stream features with the frozen teacher's patch features (0 once switched off by until_step)", "1")
        case "haste_teacher_entropy": return ("floor of loss_haste: mean entropy of the frozen teacher's patch attention over the paired blocks (loss_haste minus it is the KL divergence the student can still remove; 0 once switched off)", "nats")
        case "loss_haste": return ("unweighted HASTE attention term: mean cross-entropy of the MM-DiT's image-to-image attention against the frozen teacher's patch attention over the paired blocks (0 once switched off by until_step)", "nats")
        default:
            if name.hasPrefix("loss_") {
                return ("unweighted loss term of modality '\(name.dropFirst("loss_".count))' on the batch", "nats (cross-entropy/KL) or squared units (MSE)")
            }
            return ("training series '\(name)'", "1")
        }
    }

    /// Sets the `description`, `unit` and (for value series) `x` attributes of a new series.
    static func describe(series name: String, at path: String, in file: HDF5File) throws {
        let meaning = meaning(of: name)
        try file.setAttribute("description", .string(meaning.description), at: path)
        try file.setAttribute("unit", .string(meaning.unit), at: path)
        if name != "step" { try file.setAttribute("x", .string("step"), at: path) }
    }

    /// Copies the curves `/train/<source>` of the metrics file at `url` into this file as `/train/<model>`, replacing
    /// any there: how a stage's curves travel between a run's `metrics.h5` and the stage cache.
    func copy(model source: String, from url: URL, as model: String) throws {
        let input = try HDF5File.open(url)
        defer { try? input.close() }
        let sourceGroup = "/train/\(source)"
        guard try input.exists("\(sourceGroup)/step") else {
            throw ExperimentError("\(url.path) has no training curves under \(sourceGroup)")
        }
        let output = try HDF5File.openOrCreate(self.url)
        defer { try? output.close() }
        let group = "/train/\(model)"
        if try output.exists(group) { try output.delete(group) }
        for name in try input.children(of: sourceGroup) {
            let path = "\(group)/\(name)"
            if name == "step" {
                try output.appendSeries(try input.readSeries("\(sourceGroup)/\(name)", as: Int64.self), to: path)
            } else {
                try output.appendSeries(try input.readSeries("\(sourceGroup)/\(name)", as: Double.self), to: path)
            }
            try Self.describe(series: name, at: path, in: output)
        }
    }

    /// The last logged value of series `name` of `model`, or nil when there is none.
    func lastValue(model: String, series name: String) throws -> Double? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        let path = "/train/\(model)/\(name)"
        guard try file.exists(path) else { return nil }
        return try file.readSeries(path, as: Double.self).last
    }

    /// Drops entries logged after `step` (written after the checkpoint a resumed run restarts from).
    func truncate(model: String, afterStep step: Int) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let file = try HDF5File.open(url, mode: .readWrite)
        defer { try? file.close() }
        let group = "/train/\(model)"
        guard try file.exists("\(group)/step") else { return }
        let steps = try file.readSeries("\(group)/step", as: Int64.self)
        let keep = steps.prefix { $0 <= Int64(step) }.count
        guard keep < steps.count else { return }
        for name in try file.children(of: group) {
            let path = "\(group)/\(name)"
            if name == "step" {
                let kept = Array(steps.prefix(keep))
                try file.delete(path)
                if !kept.isEmpty { try file.appendSeries(kept, to: path); try Self.describe(series: name, at: path, in: file) }
            } else {
                let kept = Array(try file.readSeries(path, as: Double.self).prefix(keep))
                try file.delete(path)
                if !kept.isEmpty { try file.appendSeries(kept, to: path); try Self.describe(series: name, at: path, in: file) }
            }
        }
    }
}
