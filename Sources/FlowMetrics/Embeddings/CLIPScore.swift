/// CLIPScore from paired image and text embeddings, in both published conventions, each named.
///
/// - Hessel et al. (2021), `clipscore_hessel`: mean over pairs of `2.5 * max(cos, 0)` (range [0, 2.5]).
/// - torchmetrics `CLIPScore`, `clipscore_torchmetrics`: `max(mean over pairs of 100 * cos, 0)` (range [0, 100]);
///   the clamp is applied to the mean, not per pair.
///
/// The two differ in scale and in where negatives are clamped, so a table must say which it reports;
/// `entries` carries the names.
public struct CLIPScore: Sendable, Equatable {
    /// Hessel et al.'s CLIP-S: mean of `2.5 max(cos, 0)`.
    public let hessel: Double
    /// torchmetrics' CLIPScore: `max(mean(100 cos), 0)`.
    public let torchmetrics: Double

    /// Computes both conventions from row-paired embeddings (row i of `images` goes with row i of `texts`).
    ///
    /// - Throws: `FeatureMetricsError` for empty sets, different widths or counts, or all-zero embeddings.
    public init(images: FeatureSet, texts: FeatureSet) throws {
        let cosines = try PairedCosineSimilarities.compute(images, role: "image", texts, role: "text")
        let count = Double(cosines.count)
        hessel = cosines.reduce(0) { $0 + 2.5 * max($1, 0) } / count
        torchmetrics = max(cosines.reduce(0) { $0 + 100 * $1 } / count, 0)
    }

    /// The named values, in a fixed order: `clipscore_hessel`, `clipscore_torchmetrics`.
    public var entries: [(name: String, value: Double)] {
        [("clipscore_hessel", hessel), ("clipscore_torchmetrics", torchmetrics)]
    }
}
