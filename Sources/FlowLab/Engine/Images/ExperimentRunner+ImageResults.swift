import FlowData
import FlowTensor
import Foundation

extension ExperimentRunner {
    /// What the evaluator suites see of one sampled configuration: its images and captions against the test examples
    /// it was sampled from (`captionLikelihood`: the model's caption flow, for the perplexity bound).
    static func evaluationInput(_ configuration: SampledImages, references: ReferenceExamples, data: CaptionedImageData,
                                captionLikelihood: CaptionLikelihood? = nil) -> EvaluationInput {
        EvaluationInput(configuration: configuration.name, imageSize: data.imageSize,
                        images: configuration.imagesGenerated ? configuration.pixels : nil,
                        captions: configuration.captions, prompts: configuration.prompts, promptScenes: configuration.promptScenes,
                        referenceImages: references.pixels, referenceCaptions: references.references,
                        referenceScenes: references.scenes, shapes: data.shapes, captionLikelihood: captionLikelihood)
    }

    /// The metrics of every configuration of `samples` (`count` samples each), by configuration name: the suites
    /// `suites(configuration)` whose needs it provides score `input(configuration)`, and its sampling throughput is
    /// added; a progress bar labelled `evaluating<seedLabel>` follows the configurations. Nil when a stop interrupted it.
    func evaluate(_ samples: [SampledImages], count: Int, seedLabel: String, context: EvaluationContext,
                  input: (SampledImages) -> EvaluationInput, suites: (SampledImages) -> [any EvaluatorSuite]) throws -> [String: [MetricValue]]? {
        var values: [String: [MetricValue]] = [:]
        progress.start(label: "evaluating" + seedLabel, totalSteps: samples.count, samplesPerStep: count)
        for (index, configuration) in samples.enumerated() {
            let evaluationInput = input(configuration)
            var metrics: [MetricValue] = []
            for suite in suites(configuration) where suite.needs.isSubset(of: configuration.provides) {
                guard let computed = try suite.evaluate(evaluationInput, context: context) else { return nil }
                metrics += computed
            }
            if let throughput = MetricValue.samplingThroughput(of: configuration, count: count, threads: ComputeThreads.count) {
                metrics.append(throughput)
            }
            values[configuration.name] = metrics
            progress.update(label: "evaluating" + seedLabel, step: index + 1, loss: nil)
        }
        progress.finish(label: "evaluating" + seedLabel)
        return values
    }

    /// Writes an image run's results: `samples.h5` (every seed's configurations and references), the evaluations into
    /// `metrics.h5`, and `report.md` with the grid figure.
    func writeImageResults(samples: [[SampledImages]], references: [ReferenceExamples],
                           evaluations: [[String: [MetricValue]]], data: CaptionedImageData) throws {
        try ImageSamplesFile(url: directory.samplesURL).write(seeds: spec.seeds, samples: samples, references: references,
                                                              imageSize: data.imageSize, captionLength: data.captionLength,
                                                              dataName: spec.data.name)
        try EvaluationFile.write(evaluations, configurations: samples[0].map { ($0.name, $0.method) }, seeds: spec.seeds,
                                 specFingerprint: spec.fingerprint, to: directory.metricsURL)
        try ImageExperimentReport(spec: spec, directory: directory, samples: samples[0], evaluations: evaluations,
                                  imageSize: data.imageSize).write()
        log.write("wrote samples.h5, metrics.h5, \(spec.experiment).png and report.md")
    }
}
