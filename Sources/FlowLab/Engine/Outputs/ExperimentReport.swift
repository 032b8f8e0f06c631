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
        try TrainingCurvesFigure.write(experiment: spec.experiment, directory: directory)
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
        text += ResultsSection.markdown(seeds: spec.seeds, configurations: samples.map { ($0.name, $0.method) },
                                        evaluations: evaluations)
        text += "\n" + claims()
        text += "\n## Figure\n\n![samples and counts per cell](\(figureName))\n\n"
        text += "One row per configuration (the first is a second draw of real data). Left: samples coloured by their grid label c = i + j. "
        text += "Right: sample counts per cell (log scale).\n\n![training curves](training.png)\n"
        return text
    }

    /// The paper's statements (CrossFlows Appendix C.1), checked against this run's numbers.
    ///
    /// The thresholds are fixed before looking at any result: a configuration is *distorted* when its sliced
    /// Wasserstein distance to held-out data exceeds twice that of a second draw of real data, and *faithful*
    /// when it stays within 1.5 times it; a label-mass shift needs the rare-label ratio below 0.9 and the
    /// common-label ratio above 1.
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
              let floor = value("data_reference", "sliced_wasserstein"),
              let cfgDistance = value(cfg, "sliced_wasserstein"), let jointDistance = value(joint, "sliced_wasserstein"),
              let bothDistance = value(jointCFG, "sliced_wasserstein"),
              let cfgRare = value(cfg, "rare_label_mass_ratio"), let cfgCommon = value(cfg, "common_label_mass_ratio"),
              let jointRare = value(joint, "rare_label_mass_ratio"),
              let cfgAgreement = value(cfg, "label_agreement"), let jointAgreement = value(joint, "label_agreement"),
              let bothAgreement = value(jointCFG, "label_agreement") else {
            return text + "Not checked: this run lacks a CFG configuration, a cross-guided joint configuration, a joint + CFG configuration, or the label and distance metrics.\n"
        }
        func verdict(_ holds: Bool) -> String { holds ? "**reproduces**" : "**does not reproduce**" }
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        let distorted = { (distance: Double) in distance > 2 * floor }
        let faithful = { (distance: Double) in distance <= 1.5 * floor }
        let cfgShift = cfgRare < 0.9 && cfgCommon > 1
        text += "Reference: a second draw of real data is at sliced Wasserstein \(f(floor)) from the held-out data.\n\n"
        text += "1. *CFG distorts the distribution* (`\(cfg)`): sliced Wasserstein \(f(cfgDistance)), \(f(cfgDistance / floor)) times the data's. \(verdict(distorted(cfgDistance))).\n"
        text += "   *...by over-representing the central labels and under-representing the rare ones*: rare-label mass ratio \(f(cfgRare)), "
        text += "common-label mass ratio \(f(cfgCommon)) (1 is faithful). \(verdict(cfgShift)).\n"
        text += "2. *The joint flow does not collapse, but is noisier* (`\(joint)`): sliced Wasserstein \(f(jointDistance)) "
        text += "(\(faithful(jointDistance) ? "faithful" : "not faithful")), rare-label mass ratio \(f(jointRare)); "
        text += "label agreement \(f(jointAgreement)) against CFG's \(f(cfgAgreement)) (\(jointAgreement < cfgAgreement ? "noisier" : "not noisier")). "
        text += "\(verdict(faithful(jointDistance) && jointAgreement < cfgAgreement)).\n"
        text += "3. *Joint + CFG is the best of both* (`\(jointCFG)`): sliced Wasserstein \(f(bothDistance)) "
        text += "(\(faithful(bothDistance) ? "faithful" : "not faithful")); label agreement \(f(bothAgreement)) against the joint flow's \(f(jointAgreement)) and CFG's \(f(cfgAgreement)). "
        text += "\(verdict(faithful(bothDistance) && bothAgreement > jointAgreement)); it \(bothAgreement >= cfgAgreement ? "matches" : "does not reach") CFG's agreement.\n\n"
        text += "Distorted: more than 2x the data's sliced Wasserstein distance; faithful: at most 1.5x. "
        text += "At this scale (\(spec.train.steps) training steps, not the paper's 75,000) a negative answer can also mean undertrained models; "
        text += "`Experiments/modecollapse-paper.yaml` runs the paper's length.\n"
        return text
    }

    private func writeFigure() throws {
        func row(_ configuration: SampledConfiguration) -> ModeCollapseFigure.Row {
            let points = stride(from: 0, to: configuration.points.count - 1, by: 2).map {
                (x: Double(configuration.points[$0]), y: Double(configuration.points[$0 + 1]))
            }
            return ModeCollapseFigure.Row(name: configuration.name == "data_reference" ? "data" : configuration.name,
                                          points: points, labels: dataset.grid.labels(points: configuration.points))
        }
        let figure = ModeCollapseFigure.make(rows: samples.map(row), cells: dataset.grid.cellsPerSide,
                                             extent: dataset.grid.lower...dataset.grid.upper,
                                             title: "\(spec.experiment): samples by configuration", logCounts: true)
        try figure.writePNG(to: directory.file(figureName))
    }
}
