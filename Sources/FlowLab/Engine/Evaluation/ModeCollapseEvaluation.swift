import FlowMetrics
import Foundation

/// The mode-collapse measurements of CrossFlows Appendix C.1, computed from samples and held-out data.
struct ModeCollapseEvaluation {
    let dataset: GaussianGridDataset
    /// Held-out real points `[N, 2]` and their labels.
    let dataPoints: [Float]
    let dataLabels: [Int]
    let seed: UInt64

    /// The requested metrics of one sampling configuration (joint-only metrics are skipped for the others).
    func evaluate(_ samples: SampledConfiguration, metrics: [ToyMetric]) -> [MetricValue] {
        evaluate(samples, metrics: metrics, stop: nil)!
    }

    /// The same, checking `stop` before each metric; nil when a stop was requested.
    func evaluate(_ samples: SampledConfiguration, metrics: [ToyMetric], stop: StopSignal?) -> [MetricValue]? {
        let labelCount = dataset.labelCount
        let generatedLabels = dataset.grid.labels(points: samples.points)
        let dataHistogram = LabelDistribution.histogram(dataLabels, labelCount: labelCount)
        let generatedHistogram = LabelDistribution.histogram(generatedLabels, labelCount: labelCount)
        var values: [MetricValue] = []
        for metric in metrics {
            if stop?.stopRequested == true { return nil }
            switch metric {
            case .labelAgreement:
                values.append(MetricValue(
                    name: "label_agreement", value: LabelDistribution.agreement(generatedLabels, samples.condition),
                    description: "fraction of samples whose grid label equals the conditioning (starting) label", higherIsBetter: true))
                if let final = samples.finalLabels {
                    values.append(MetricValue(
                        name: "label_agreement_final", value: LabelDistribution.agreement(generatedLabels, final),
                        description: "fraction of samples whose grid label equals the final discrete state", higherIsBetter: true))
                }
            case .labelTotalVariation:
                values.append(MetricValue(
                    name: "label_tv", value: LabelDistribution.totalVariation(generatedHistogram, dataHistogram),
                    description: "total variation between generated and held-out label histograms", higherIsBetter: false))
            case .rareLabelMassRatio:
                values.append(MetricValue(
                    name: "rare_label_mass_ratio",
                    value: LabelDistribution.rareMassRatio(generated: generatedHistogram, reference: dataHistogram, fraction: 0.2),
                    description: "generated mass on the labels holding the rarest 20% of the data, over the data's mass there (1 is faithful)",
                    higherIsBetter: nil))
                values.append(MetricValue(
                    name: "common_label_mass_ratio",
                    value: LabelDistribution.massRatio(generated: generatedHistogram, reference: dataHistogram,
                                                       labels: LabelDistribution.commonLabels(reference: dataHistogram, fraction: 0.2)),
                    description: "generated mass on the labels holding the most frequent 20% of the data, over the data's mass there (1 is faithful)",
                    higherIsBetter: nil))
            case .modeTotalVariation:
                let modes = dataset.mixture.modes
                let shares = LabelDistribution.histogram(dataset.mixture.nearestMode(points: samples.points), labelCount: modes)
                values.append(MetricValue(
                    name: "mode_tv", value: LabelDistribution.totalVariation(shares, Array(repeating: 1 / Double(modes), count: modes)),
                    description: "total variation between the share of samples nearest each Gaussian mean and uniform", higherIsBetter: false))
            case .slicedWasserstein:
                let count = Swift.min(samples.points.count, dataPoints.count)
                values.append(MetricValue(
                    name: "sliced_wasserstein",
                    value: SlicedWasserstein(projections: 128, seed: seed).distance(
                        Array(samples.points.prefix(count)), Array(dataPoints.prefix(count)), dimension: 2),
                    description: "sliced 2-Wasserstein distance to held-out data (128 fixed projections)", higherIsBetter: false))
            case .promptChangeRate:
                if let final = samples.finalLabels {
                    values.append(MetricValue(
                        name: "prompt_change_rate", value: 1 - LabelDistribution.agreement(final, samples.condition),
                        description: "fraction of samples whose final label differs from the starting prompt", higherIsBetter: nil))
                }
            }
        }
        return values
    }
}
