import FlowMetrics
import FlowModels

/// CLIPScore of `shapes` images and texts on FlowLab's shapes contrastive encoder, in both conventions, named for it.
///
/// - `clipscore_hessel_shapes`: Hessel et al.'s CLIP-S, mean over pairs of `2.5 · max(cos, 0)`.
/// - `clipscore_x100_shapes`: the x100 scale CrossFlows reports (torchmetrics' `CLIPScore`), `max(mean of 100 · cos, 0)`.
///
/// The cosines are those of FlowLab's `ShapesCLIP`, not OpenAI's CLIP: the numbers compare between FlowLab runs
/// scored by the same stage, not with papers' CLIPScore. The computation is FlowMetrics' `CLIPScore`.
///
/// ```swift
/// let score = ShapesCLIPScore(encoder: stage.encoder)
/// let entries = try score.evaluate(images: pixels, texts: captions)   // [("clipscore_hessel_shapes", ...), ...]
/// ```
public struct ShapesCLIPScore {
    /// The frozen encoder.
    public let encoder: ShapesCLIP
    /// Pairs embedded per batch.
    public var batchSize = 512

    public init(encoder: ShapesCLIP) { self.encoder = encoder }

    /// What the JSON of `flowlab eval` names as the encoder that scored.
    public static let encoderName = "flowlab shapes CLIP encoder (not OpenAI CLIP)"

    /// The metric names, in order.
    public static let names = ["clipscore_hessel_shapes", "clipscore_x100_shapes"]

    /// Both CLIPScores of `images[i]` (uint8 `[N, S, S, 3]`, the encoder's size) with `texts[i]`.
    ///
    /// - Throws: `SceneMetricsError` when the bytes are not `texts.count` images of the encoder's size.
    public func evaluate(images pixels: [UInt8], texts: [String]) throws -> [(name: String, value: Double)] {
        let size = encoder.configuration.imageSize, imageBytes = size * size * 3
        guard !texts.isEmpty, pixels.count == texts.count * imageBytes else {
            throw SceneMetricsError("\(pixels.count) bytes are not \(texts.count) images of \(size) x \(size) x 3 "
                                    + "(the shapes CLIP encoder's size, one per text)")
        }
        var imageValues: [Float] = [], textValues: [Float] = []
        for start in stride(from: 0, to: texts.count, by: batchSize) {
            let end = min(texts.count, start + batchSize)
            imageValues += encoder.imageEmbeddings(pixels: Array(pixels[(start * imageBytes)..<(end * imageBytes)]), count: end - start)
            textValues += encoder.textEmbeddings(Array(texts[start..<end]))
        }
        let width = encoder.configuration.embeddingWidth
        let score = try CLIPScore(images: try FeatureSet(rows: texts.count, columns: width, float32Values: imageValues),
                                  texts: try FeatureSet(rows: texts.count, columns: width, float32Values: textValues))
        return [(Self.names[0], score.hessel), (Self.names[1], score.torchmetrics)]
    }
}
