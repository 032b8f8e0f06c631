import FlowData
import Foundation

/// A captioned-image data set as the engine sees it: two modalities, `image` (continuous `[S, S, 3]` in [-1, 1])
/// and `caption` (discrete `[L]` word tokens), with a train split to learn from and a test split to prompt and
/// compare with.
///
/// ```swift
/// let data = try registry.make(CaptionedImageData.self, .dataset, from: spec.data)
/// var loader = CaptionedImageLoader(source: data.train, batchSize: 64, seed: 1)
/// data.tokenizer.encodeBatch(try loader.next().captions, length: data.captionLength)
/// ```
final class CaptionedImageData: @unchecked Sendable {
    /// The modality name of the images.
    static let imageModality = "image"
    /// The modality name of the captions.
    static let captionModality = "caption"

    /// The data set's registered name (`shapes`, `hdf5`).
    let name: String
    /// Rows to train on.
    let train: any CaptionedImageSource
    /// Rows to take prompts and reference images from.
    let test: any CaptionedImageSource
    /// Captions to word tokens.
    let tokenizer: WordTokenizer
    /// Tokens per caption (padded or truncated).
    let captionLength: Int
    /// The `shapes` settings, when the data are `shapes` (their scenes are then known exactly).
    let shapes: ShapesConfiguration?

    init(name: String, train: any CaptionedImageSource, test: any CaptionedImageSource, tokenizer: WordTokenizer,
         captionLength: Int, shapes: ShapesConfiguration?) {
        self.name = name
        self.train = train
        self.test = test
        self.tokenizer = tokenizer
        self.captionLength = captionLength
        self.shapes = shapes
    }

    /// The image side S.
    var imageSize: Int { train.imageSize }

    /// Each modality's kind and per-sample shape, for spec errors: `image` (continuous [32, 32, 3]), ...
    var modalityDescription: String {
        "'\(Self.imageModality)' (continuous [\(imageSize), \(imageSize), 3]) and '\(Self.captionModality)' "
            + "(discrete [\(captionLength)] over \(tokenizer.vocabularySize) word tokens)"
    }
}
