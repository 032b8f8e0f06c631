import FlowHDF5
import FlowPlot
import Foundation

/// `training.png`: every loss series of `metrics.h5` (`/train/<model>/loss*`) against the step, on a log scale.
enum TrainingCurvesFigure {
    /// Draws the curves of `directory`'s `metrics.h5` into `training.png`; nothing when no training was logged.
    static func write(experiment: String, directory: RunDirectory) throws {
        guard FileManager.default.fileExists(atPath: directory.metricsURL.path) else { return }
        let file = try HDF5File.open(directory.metricsURL)
        defer { try? file.close() }
        guard try file.exists("/train") else { return }
        var series: [LineSeries] = []
        for model in try file.children(of: "/train") {
            let steps = try file.readSeries("/train/\(model)/step", as: Int64.self).map(Double.init)
            for name in try file.children(of: "/train/\(model)") where name.hasPrefix("loss") {
                series.append(LineSeries(name: "\(model) \(name)", xs: steps, ys: try file.readSeries("/train/\(model)/\(name)", as: Double.self)))
            }
        }
        guard !series.isEmpty else { return }
        var figure = Figure(rows: 1, columns: 1, panelWidth: 900, panelHeight: 480, title: "\(experiment): training losses")
        figure[0, 0] = LinePanel(title: "loss per logged step", series: series,
                                 xAxis: Axis(label: "step"), yAxis: Axis(label: "loss", scale: .logarithmic))
        try figure.writePNG(to: directory.file("training.png"))
    }
}
