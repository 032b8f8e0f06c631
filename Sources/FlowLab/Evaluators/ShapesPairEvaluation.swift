import FlowData
import FlowMetrics
import FlowModels

/// Scores jointly generated `shapes` image + caption pairs: pair consistency and concept distribution (see `JointPairMetrics`).
///
/// ```swift
/// let data = try ShapesPairEvaluation.dataConcepts(ShapesConfiguration(objectCounts: [1, 2]), count: 20_000)
/// let results = try ShapesPairEvaluation(reader: stage.reader).evaluate(images: pixels, captions: captions, data: data)
/// ```
public struct ShapesPairEvaluation {
    /// Reads the images.
    public let images: ShapesImageEvaluation

    public init(reader: SceneReader) { images = ShapesImageEvaluation(reader: reader) }

    /// `pair_consistency`, grammatical rate and concept metrics of `images[i]` with `captions[i]` against `data`.
    public func evaluate(images pixels: [UInt8], captions: [String], data: ConceptDistribution) throws -> FeatureMetricResults {
        try JointPairMetrics.evaluate(readings: try images.read(pixels), captions: captions, data: data)
    }

    /// The concept distribution of the first `count` train scenes of `configuration` (no rendering needed).
    public static func dataConcepts(_ configuration: ShapesConfiguration, count: Int = 20_000) -> ConceptDistribution {
        let generator = ShapesGenerator(configuration: configuration, split: .train)
        return ConceptDistribution(objects: (0..<count).flatMap { generator.example(at: $0).scene.objects })
    }
}
