import FlowData

/// A registered evaluator suite: turns one sampling configuration's outputs and the reference data into named metrics.
///
/// A spec chooses suites by name under `eval.metrics` (`[shapes_pixels, shapes_t2i, inception_metrics]`); each is
/// registered as a `metric` component whose product is `any EvaluatorSuite`. The engine calls ``prepare(_:)`` once
/// per run (load a frozen evaluator network from the stage cache, train it there once if absent), then
/// ``evaluate(_:context:)`` for every sampling configuration and seed.
///
/// ```swift
/// var suite = try registry.make((any EvaluatorSuite).self, .metric, from: component)
/// try suite.prepare(context)
/// let metrics = try suite.evaluate(input, context: context)    // [MetricValue], in a fixed order
/// ```
protocol EvaluatorSuite: Sendable {
    /// The suite's registered name (its `eval.metrics` entry).
    var name: String { get }
    /// What a configuration must provide for this suite; checked against the spec before anything trains.
    var needs: Set<EvaluationNeed> { get }
    /// The suites whose metrics this one reports too, under the same names: a spec listing this suite with one of
    /// them is rejected before anything trains, as both would write the same metrics.
    var includedSuites: Set<String> { get }
    /// Loads what the suite evaluates with (frozen networks, reference statistics); called once per run.
    mutating func prepare(_ context: EvaluationContext) throws
    /// The metrics of one configuration, always the same names in the same order; nil when a stop was requested.
    func evaluate(_ input: EvaluationInput, context: EvaluationContext) throws -> [MetricValue]?
}

extension EvaluatorSuite {
    /// No other suite's metrics, the usual case.
    var includedSuites: Set<String> { [] }
}

/// Something a suite reads from a sampling configuration or the reference data.
enum EvaluationNeed: String, Sendable, Hashable, CaseIterable {
    /// Generated images (`EvaluationInput.images`).
    case images
    /// Generated captions (`EvaluationInput.captions`).
    case captions
    /// The text prompt of every generated image (text to image).
    case prompts
    /// The `shapes` scene each prompt describes: the data set must be `shapes`.
    case promptScenes = "prompt_scenes"
}

/// One sampling configuration's outputs, with the reference data of the same seed.
struct EvaluationInput {
    /// The configuration's name (`cfg_w3`, `data_reference`, ...).
    var configuration: String
    /// The image side S.
    var imageSize: Int
    /// Generated images, uint8 `[N, S, S, 3]` row-major, channel-last; nil when the configuration generates none.
    var images: [UInt8]?
    /// Generated captions, one per sample; nil when the configuration generates none.
    var captions: [String]?
    /// The text prompt each image was generated from; nil when unprompted.
    var prompts: [String]?
    /// The scene each prompt describes (data set `shapes` only); nil otherwise.
    var promptScenes: [ShapeScene]?
    /// Real test images, uint8 `[M, S, S, 3]`: the reference distribution.
    var referenceImages: [UInt8]
    /// Every reference caption of each real test image.
    var referenceCaptions: [[String]]
    /// The true scene of each real test image (data set `shapes` only, same order as `referenceImages`), which
    /// image-to-text suites compare generated captions with; nil otherwise.
    var referenceScenes: [ShapeScene]? = nil
    /// The `shapes` settings when the data set is `shapes` (held-out compositions, image size), else nil.
    var shapes: ShapesConfiguration?
    /// The caption flow of the configuration's trained model, for suites that score captions under it
    /// (`caption_perplexity`); nil when the model generates no captions.
    var captionLikelihood: CaptionLikelihood? = nil

    /// Generated images as a count (0 when none).
    var imageCount: Int { (images?.count ?? 0) / max(1, imageSize * imageSize * 3) }
}

/// What every suite may use while it prepares and evaluates.
struct EvaluationContext {
    /// Where frozen evaluator networks are stored once and reused (`Results/.stages` or `$FLOWLAB_STAGES`).
    let stages: StageCache
    /// One line to the run log and terminal.
    let log: (String) -> Void
    /// Progress of long phases (training an evaluator network once).
    let progress: ProgressReporter
    /// Polled in long loops; a suite returns nil from `evaluate` once it is set.
    let stop: StopSignal?
    /// Compute threads.
    let threads: Int
    /// The `shapes` settings when the data set is `shapes`, else nil: the image size the shapes suites train their
    /// evaluator networks for in `prepare`, before any configuration is sampled.
    var shapes: ShapesConfiguration? = nil

    /// Whether a stop was requested.
    var stopRequested: Bool { stop?.stopRequested == true }
}
