import FlowMetrics
import FlowModels

/// `shapes_clipscore`: CLIPScore of each generated image with its prompt on FlowLab's shapes contrastive encoder.
///
/// `prepare` loads the encoder for the data's image size from the stage cache (the stage `flowlab eval images
/// --prompts` uses), training it there once with a progress bar when it is absent. Both conventions are reported, as
/// `ShapesCLIPScore` computes them: `clipscore_hessel_shapes` (Hessel et al.'s CLIP-S, mean of 2.5 max(cos, 0)) and
/// `clipscore_x100_shapes` (max(mean of 100 cos, 0), the scale CrossFlows reports). The cosines are those of
/// FlowLab's `ShapesCLIP`, not OpenAI's CLIP: the numbers compare between FlowLab runs, not with papers.
///
/// Unchecked `Sendable`: the encoder is set once by `prepare` and only read afterwards.
struct ShapesCLIPScoreSuite: EvaluatorSuite, @unchecked Sendable {
    static let name = "shapes_clipscore"
    /// What each metric is, in `ShapesCLIPScore.names` order.
    static let descriptions = [
        "Hessel et al.'s CLIP-S of each generated image with its prompt, mean over images of 2.5 max(cos, 0) between "
            + "FlowLab's shapes CLIP image and text embeddings (not OpenAI CLIP; 0 to 2.5)",
        "CLIPScore at the x100 scale CrossFlows reports (torchmetrics' CLIPScore), max(mean over images of 100 cos, 0) between "
            + "FlowLab's shapes CLIP embeddings of each generated image and its prompt (not OpenAI CLIP; 0 to 100)",
    ]

    /// The encoder's training; nil for the default one at the data's image size (shared with `flowlab eval images`).
    var training: ShapesCLIPTraining?
    /// The score on the loaded encoder; nil until `prepare`.
    private(set) var score: ShapesCLIPScore?

    var name: String { Self.name }
    var needs: Set<EvaluationNeed> { [.images, .prompts] }

    /// A suite that loads (or trains once) the encoder of `training` in `prepare`, by default the standard one.
    init(training: ShapesCLIPTraining? = nil) {
        self.training = training
    }

    /// A suite already prepared with `encoder`.
    init(encoder: ShapesCLIP) {
        score = ShapesCLIPScore(encoder: encoder)
    }

    mutating func prepare(_ context: EvaluationContext) throws {
        let shapes = try context.requiredShapes(for: name)
        let training = self.training ?? ShapesCLIPStage.standardTraining(imageSize: shapes.imageSize)
        guard training.encoder.imageSize == shapes.imageSize else {
            throw EvaluatorSuiteError(suite: name, "the shapes CLIP encoder reads \(training.encoder.imageSize) px images but the "
                                      + "data's images are \(shapes.imageSize) px")
        }
        let stage = try EvaluatorSuiteError.attributing(to: name) {
            try ShapesCLIPStage.load(training, cache: context.stages, log: context.log, reporter: context.progress)
        }
        score = ShapesCLIPScore(encoder: stage.encoder)
    }

    func evaluate(_ input: EvaluationInput, context: EvaluationContext) throws -> [MetricValue]? {
        guard let score else {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration, "evaluated before prepare loaded the encoder")
        }
        let size = score.encoder.configuration.imageSize
        guard input.imageSize == size else {
            throw EvaluatorSuiteError(suite: name, configuration: input.configuration,
                                      "the shapes CLIP encoder reads \(size) px images but the configuration's images are \(input.imageSize) px")
        }
        let images = try input.requiredImages(for: name)
        let prompts = try input.requiredPrompts(for: name)
        if context.stopRequested { return nil }
        let entries = try EvaluatorSuiteError.attributing(to: name, configuration: input.configuration) {
            try score.evaluate(images: images, texts: prompts)
        }
        return zip(entries, Self.descriptions).map { entry, description in
            MetricValue(name: entry.name, value: entry.value, description: description, higherIsBetter: true)
        }
    }
}
