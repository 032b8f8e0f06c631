import FlowHDF5
import Foundation

/// The training curves in `metrics.h5`: `/train/<model>/<series>` step series, one value per logged step.
final class TrainingMetrics {
    let url: URL

    init(url: URL) {
        self.url = url
    }

    /// Appends one logged step (`step` plus each named value) to the model's series.
    func append(model: String, step: Int, values: [(String, Double)]) throws {
        let file = try HDF5File.openOrCreate(url)
        defer { try? file.close() }
        try file.appendSeries(Int64(step), to: "/train/\(model)/step")
        for (name, value) in values { try file.appendSeries(value, to: "/train/\(model)/\(name)") }
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
                if !kept.isEmpty { try file.appendSeries(kept, to: path) }
            } else {
                let kept = Array(try file.readSeries(path, as: Double.self).prefix(keep))
                try file.delete(path)
                if !kept.isEmpty { try file.appendSeries(kept, to: path) }
            }
        }
    }
}
