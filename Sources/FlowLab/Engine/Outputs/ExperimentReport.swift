import FlowHDF5
import FlowPlot
import Foundation

/// Writes `report.md` and the figures of a finished run: the metrics table, what each configuration is,
/// whether the paper's mode-collapse claims hold in these numbers, and the figure in the spirit of Figure 8.
struct ExperimentReport {
    let spec: ExperimentSpec
    let directory: RunDirectory
    let variants: [ExperimentRunner.PlannedVariant]
    let samples: [SampledConfiguration]
    /// Per seed: configuration name → metric values.
    let evaluations: [[String: [MetricValue]]]
    let dataset: GaussianGridDataset

    var figureName: String { "\(spec.experiment).png" }

    func write() throws {
        try writeFigure()
        try writeTrainingFigure()
        try AtomicFile.write(markdown(), to: directory.reportURL)
    }

    /// The mean over seeds of one metric of one configuration.
    func value(_ configuration: String, _ metric: String) -> Double? {
        let values = evaluations.compactMap { $0[configuration]?.first { $0.name == metric }?.value }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    func markdown() -> String {
        var text = "# \(spec.experiment): run \(directory.runID)\n\n"
        if let description = spec.description { text += description.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n" }
        text += "Seeds: \(spec.seeds.map(String.init).joined(separator: ", ")); \(spec.evaluation.samples) samples per configuration. "
        text += "Every number below is in `metrics.h5` under `/eval/<configuration>/<metric>`; the samples are in `samples.h5`.\n\n"
        text += "## Results\n\n"
        var rows: [MetricsRow] = []
        for (index, evaluation) in evaluations.enumerated() {
            for configuration in samples {
                guard let values = evaluation[configuration.name] else { continue }
                rows.append(MetricsRow(run: configuration.name, seed: spec.seeds[index], metrics: values.map { ($0.name, $0.value) }))
            }
        }
        text += MetricsTable(rows: rows).render(.markdown) + "\n"
        if evaluations.count > 1 { text += "Cells are mean ± standard deviation over \(evaluations.count) seeds.\n" }
        text += "\nHow each configuration was sampled:\n\n"
        for configuration in samples { text += "- `\(configuration.name)`: \(configuration.method)\n" }
        text += "\nMetrics:\n\n"
        for metric in evaluations.first?[samples.last?.name ?? ""] ?? [] { text += "- `\(metric.name)`: \(metric.description)\n" }
        text += "\n" + claims()
        text += "\n## Figure\n\n![samples and counts per cell](\(figureName))\n\n"
        text += "One row per configuration (the first is a second draw of real data). Left: samples coloured by their grid label c = i + j. "
        text += "Right: sample counts per cell (log scale).\n\n![training curves](training.png)\n"
        return text
    }

    /// The paper's three statements (CrossFlows Appendix C.1), checked against this run's numbers.
    func claims() -> String {
        var text = "## Does the paper's claim reproduce?\n\n"
        let strongestCFG = variants.compactMap { variant -> (String, Double)? in
            if case .classifierFree(let scales) = variant.setup.guidance, let top = scales.max() {
                return ("\(variant.name)_w\(FlowSampler.format(top))", top)
            }
            return nil
        }.max { $0.1 < $1.1 }?.0
        let joint = variants.first { if case .crossGuidance(nil) = $0.setup.guidance { return true }; return false }?.name
        let jointCFG = variants.first { if case .crossGuidance(.some) = $0.setup.guidance { return true }; return false }?.name
        guard let cfg = strongestCFG, let joint, let jointCFG,
              let reference = value("data_reference", "rare_label_mass_ratio"),
              let cfgRare = value(cfg, "rare_label_mass_ratio"), let jointRare = value(joint, "rare_label_mass_ratio"),
              let bothRare = value(jointCFG, "rare_label_mass_ratio"),
              let cfgCommon = value(cfg, "common_label_mass_ratio"),
              let cfgAgreement = value(cfg, "label_agreement"), let jointAgreement = value(joint, "label_agreement"),
              let bothAgreement = value(jointCFG, "label_agreement") else {
            return text + "Not checked: this run lacks a CFG configuration, a cross-guided joint configuration and a joint + CFG configuration, or the label metrics.\n"
        }
        func verdict(_ holds: Bool) -> String { holds ? "**reproduces**" : "**does not reproduce**" }
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        // "Collapse" is read off the rare-label mass: the data's own second draw sets the noise floor.
        let tolerance = Swift.max(0.05, Swift.abs(reference - 1) * 2)
        let cfgCollapses = cfgRare < 1 - tolerance && cfgCommon > 1
        text += "1. *CFG over-represents the central labels and under-represents the rare ones* (`\(cfg)`): "
        text += "rare-label mass ratio \(f(cfgRare)), common-label mass ratio \(f(cfgCommon)) (faithful: 1; a second draw of data gives \(f(reference))). \(verdict(cfgCollapses)).\n"
        let jointFaithful = Swift.abs(jointRare - 1) < Swift.abs(cfgRare - 1)
        let jointNoisier = jointAgreement < cfgAgreement
        text += "2. *The joint flow does not collapse, but is noisier* (`\(joint)`): rare-label mass ratio \(f(jointRare)) "
        text += "(\(jointFaithful ? "closer to 1 than" : "no closer to 1 than") CFG's \(f(cfgRare))); label agreement \(f(jointAgreement)) vs CFG's \(f(cfgAgreement)) "
        text += "(\(jointNoisier ? "noisier" : "not noisier")). \(verdict(jointFaithful && jointNoisier)).\n"
        let bothBetter = Swift.abs(bothRare - 1) < Swift.abs(cfgRare - 1) && bothAgreement > jointAgreement
        text += "3. *Joint + CFG is the best of both* (`\(jointCFG)`): rare-label mass ratio \(f(bothRare)) vs CFG's \(f(cfgRare)); "
        text += "label agreement \(f(bothAgreement)) vs the joint flow's \(f(jointAgreement)). \(verdict(bothBetter)).\n\n"
        text += "A claim is read as reproduced when the numbers move in the direction the paper states; "
        text += "at this scale (\(spec.train.steps) training steps rather than the paper's 75,000) a negative answer can mean the models are undertrained.\n"
        return text
    }

    private func writeFigure() throws {
        func rows(_ configuration: SampledConfiguration) -> ModeCollapseFigure.Row {
            let points = stride(from: 0, to: configuration.points.count - 1, by: 2).map {
                (x: Double(configuration.points[$0]), y: Double(configuration.points[$0 + 1]))
            }
            return ModeCollapseFigure.Row(name: configuration.name == "data_reference" ? "data" : configuration.name,
                                          points: points, labels: dataset.grid.labels(points: configuration.points))
        }
        let figure = ModeCollapseFigure.make(rows: samples.map(rows), cells: dataset.grid.cellsPerSide,
                                             extent: dataset.grid.lower...dataset.grid.upper,
                                             title: "\(spec.experiment): samples by configuration", logCounts: true)
        try figure.writePNG(to: directory.file(figureName))
    }

    private func writeTrainingFigure() throws {
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
        var figure = Figure(rows: 1, columns: 1, panelWidth: 900, panelHeight: 480, title: "\(spec.experiment): training losses")
        figure[0, 0] = LinePanel(title: "loss per logged step", series: series,
                                 xAxis: Axis(label: "step"), yAxis: Axis(label: "loss", scale: .logarithmic))
        try figure.writePNG(to: directory.file("training.png"))
    }
}
