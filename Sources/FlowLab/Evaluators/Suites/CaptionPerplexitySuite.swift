import Foundation

/// `caption_perplexity`: the perplexity bound of CrossFlows App. A.3 under the joint model's own caption flow, for the
/// configuration's generated captions and for real captions of the same test images.
///
/// Each caption is scored with the image it belongs to held fixed (its generated image, or the test image it captioned
/// for image to text); the real captions are the first reference caption of each test image, with that image. The
/// bound is `exp` of FlowMatching's `DiscretePerplexityBound` per token (padded captions, every token counted), a Monte
/// Carlo estimate over `times` stratified times per caption. Only a model that generates captions can score them: the
/// runner hands the trained network in as `EvaluationInput.captionLikelihood`.
struct CaptionPerplexitySuite: EvaluatorSuite {
    static let name = "caption_perplexity"
    /// Stratified times per caption.
    let times: Int

    var name: String { Self.name }
    var needs: Set<EvaluationNeed> { [.captions] }

    mutating func prepare(_ context: EvaluationContext) throws {}

    func evaluate(_ input: EvaluationInput, context: EvaluationContext) throws -> [MetricValue]? {
        guard let likelihood = input.captionLikelihood else {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration,
                                      "no caption flow to score captions with (the model must generate captions)")
        }
        let captions = try input.generatedCaptions(name)
        let images = input.images ?? input.referenceImages
        let imageBytes = input.imageSize * input.imageSize * 3
        guard images.count == captions.count * imageBytes, input.referenceCaptions.count * imageBytes == input.referenceImages.count else {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration,
                                      "\(captions.count) captions for \(images.count / max(1, imageBytes)) images")
        }
        if context.stopRequested { return nil }
        let generated = likelihood.bound(pixels: images, captions: captions, timeCount: times, seed: 0)
        if context.stopRequested { return nil }
        let real = likelihood.bound(pixels: input.referenceImages, captions: input.referenceCaptions.map { $0.first ?? "" },
                                    timeCount: times, seed: 0)
        let how = "under the model's caption flow with the caption's image held (App. A.3; \(times) stratified times per caption, every padded token)"
        return [
            MetricValue(name: "ppl_bound_generated", value: exp(generated),
                        description: "upper bound on the per-token perplexity of the generated captions given their images " + how, higherIsBetter: false),
            MetricValue(name: "ppl_bound_real", value: exp(real),
                        description: "upper bound on the per-token perplexity of a real caption of each test image given the image " + how
                            + ": what ppl_bound_generated compares with", higherIsBetter: false),
        ]
    }
}
