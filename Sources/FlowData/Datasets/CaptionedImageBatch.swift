import FlowTensor

/// One batch of captioned images: pixels, one caption per image (drawn from its references), all references and scenes.
public struct CaptionedImageBatch: Sendable, Equatable {
    /// The data set rows, in batch order.
    public var indices: [Int]
    /// The image side S.
    public var imageSize: Int
    /// uint8 `[B, S, S, 3]`, row-major.
    public var pixels: [UInt8]
    /// The caption each image is trained with this epoch (one of its references).
    public var captions: [String]
    /// Every reference caption of each image.
    public var references: [[String]]
    /// The scene of each image (empty where the data set has none).
    public var objects: [[ObjectAnnotation]]

    /// The images as a float32 tensor `[B, S, S, 3]` scaled to [-1, 1] (0 -> -1, 255 -> 1).
    public func imageTensor() -> Tensor {
        Tensor(shape: [indices.count, imageSize, imageSize, 3], scalars: pixels.map { Float($0) / 127.5 - 1 })
    }

    /// The training captions encoded to `length` ids each: int ids `[B, length]` row-major.
    public func tokens(_ tokenizer: some TextTokenizer, length: Int) -> [Int] {
        tokenizer.encodeBatch(captions, length: length)
    }
}
