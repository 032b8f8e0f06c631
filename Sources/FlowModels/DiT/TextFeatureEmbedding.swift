import Foundation
import FlowNN
import FlowTensor

/// Features of a frozen text encoder (per-token hidden states, or one sentence vector) to the DiT's conditioning,
/// as PixArt-α's `CaptionEmbedder`: `y_proj`, a timm `Mlp` (`fc1`, GELU (tanh), `fc2`) from the encoder's width to
/// the DiT's, and `y_embedding`, the features `[length, featureWidth]` that stand for a dropped caption.
///
/// A caption is `length` feature rows of which the first `lengths[b]` are real; the rest are padding, left out of
/// the mean that joins the adaLN conditioning and masked out of cross-attention (so padded rows may hold
/// anything). A row with length 0 is a dropped caption: its features become `y_embedding`, all `length` rows
/// real. Unlike PixArt, where `y_embedding` is a fixed random buffer, it is learned here (it is trained by the
/// dropped rows, like DiT's null label); it starts as PixArt's, `N(0, 1) / √featureWidth`.
///
/// ```swift
/// let text = TextFeatureEmbedding(featureWidth: 384, length: 16, width: 96, generator: &generator)
/// let (pooled, context, mask) = text(states, lengths: [9, 0])   // states [2, 16, 384] → [2, 96], [2, 16, 96], [2, 1, 1, 16]
/// ```
public final class TextFeatureEmbedding: Module {
    /// The projection to the DiT's width (checkpoint key `y_proj`).
    public let projection: MLP
    /// The learned features of the dropped caption, `[length, featureWidth]` (checkpoint key `y_embedding`).
    public let nullFeatures: Tensor
    /// Feature rows per caption.
    public let length: Int

    override public class var checkpointKeys: [String: String] { ["projection": "y_proj", "nullFeatures": "y_embedding"] }

    /// A projection from `featureWidth` to `width` for captions of `length` feature rows.
    public init(featureWidth: Int, length: Int, width: Int, dtype: DType = .float32, generator: inout RandomGenerator) {
        self.length = length
        projection = MLP(inputWidth: featureWidth, hiddenWidth: width, outputWidth: width, activation: .geluTanh,
                         dtype: dtype, generator: &generator)
        let values = generator.normalTensor([length, featureWidth], dtype: dtype) * (1 / Double(featureWidth).squareRoot())
        values.requiresGrad = true
        nullFeatures = values
    }

    /// The width of the encoder's features.
    public var featureWidth: Int { projection.hiddenLayer.inputWidth }

    /// The pooled vectors `[B, width]` (the mean of each caption's real projected rows), the context
    /// `[B, length, width]` (every projected row) and the additive cross-attention mask `[B, 1, 1, length]` that
    /// drops the padding (nil when no row is padded) of `features` (`[B, length, featureWidth]`), row `b` real for
    /// its first `lengths[b]` positions, or dropped when `lengths[b]` is 0.
    public func callAsFunction(_ features: Tensor, lengths: [Int]) -> (pooled: Tensor, context: Tensor, mask: Tensor?) {
        let batch = lengths.count
        precondition(features.shape == [batch, length, featureWidth],
                     "TextFeatureEmbedding: features must be [\(batch), \(length), \(featureWidth)], got \(features.shape)")
        var input = features
        if lengths.contains(0) {
            let dropped = lengths.map { $0 == 0 ? 1.0 : 0.0 }
            let keep = Tensor(shape: [batch, 1, 1], scalars: dropped.map { 1 - $0 }).converted(to: features.dtype)
            let drop = Tensor(shape: [batch, 1, 1], scalars: dropped).converted(to: features.dtype)
            input = features * keep + nullFeatures.reshaped([1, length, featureWidth]) * drop
        }
        let real = lengths.map { $0 == 0 ? length : $0 }
        let projected = projection(input)
        let weights = real.flatMap { count in (0..<length).map { $0 < count ? 1 / Double(count) : 0 } }
        let pooled = (projected * Tensor(shape: [batch, length, 1], scalars: weights).converted(to: features.dtype)).sum(axes: [1])
        let mask = real.contains { $0 < length }
            ? Tensor.additiveMask(keep: real.flatMap { count in (0..<length).map { $0 < count } }, shape: [batch, 1, 1, length],
                                  dtype: features.dtype)
            : nil
        return (pooled, projected, mask)
    }
}
