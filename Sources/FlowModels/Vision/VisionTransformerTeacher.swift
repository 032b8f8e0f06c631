import FlowTensor

/// A frozen pretrained ViT (DINOv2) as the alignment terms' teacher, reading a student's images as REPA does: pixels
/// mapped from [−1, 1] to [0, 1], normalised with the encoder's mean and standard deviation (ImageNet's for DINOv2),
/// resized by bicubic interpolation to `grid · patch` px so that its patches fall on the student's `grid`×`grid`
/// tokens, with its position table resampled to that grid (antialiased for DINOv2 with registers, plain without, as
/// transformers' `Dinov2WithRegistersModel` and `Dinov2Model` do).
///
/// ```swift
/// let dinov2 = try VisionTransformer.pretrained(SafetensorsFile(url: url), heads: 6)   // facebook/dinov2-small
/// let teacher = try VisionTransformerTeacher(dinov2, imageSize: 16, grid: 8)          // 16 px images, 8x8 tokens
/// let (features, attention) = teacher.patchFeatures(images, attentionBlocks: [4])     // [B, 64, 384], [B, 6, 64, 64]
/// ```
public final class VisionTransformerTeacher: AlignmentTeacherEncoder {
    /// ImageNet's per-channel mean, which DINOv2 was trained with.
    public static let imageNetMean = [0.485, 0.456, 0.406]
    /// ImageNet's per-channel standard deviation.
    public static let imageNetStandardDeviation = [0.229, 0.224, 0.225]

    /// The encoder at the student's grid.
    public let encoder: VisionTransformer
    /// The side of the images it reads.
    public let imageSize: Int
    private let resize: BicubicResampling
    private let mean: Tensor
    private let standardDeviation: Tensor

    /// The teacher of a student with `grid`×`grid` tokens on `imageSize` px images.
    public init(_ encoder: VisionTransformer, imageSize: Int, grid: Int, mean: [Double] = imageNetMean,
                standardDeviation: [Double] = imageNetStandardDeviation) throws {
        let channels = encoder.configuration.channels
        precondition(mean.count == channels && standardDeviation.count == channels, "one mean and deviation per channel")
        self.encoder = try encoder.resampled(toGrid: grid, antialiased: encoder.configuration.registerTokens > 0)
        self.imageSize = imageSize
        resize = BicubicResampling(from: imageSize, to: self.encoder.configuration.imageSize)
        self.mean = Tensor(shape: [1, channels, 1, 1], scalars: mean.map(Float.init))
        self.standardDeviation = Tensor(shape: [1, channels, 1, 1], scalars: standardDeviation.map(Float.init))
    }

    /// The final normalised patch tokens and the patch attention logits of `attentionBlocks` (see
    /// ``VisionTransformer/patchFeatures(_:attentionBlocks:)``) of images `[B, imageSize, imageSize, channels]` in [−1, 1].
    public func patchFeatures(_ images: Tensor, attentionBlocks: Set<Int>) -> (features: Tensor, attention: [Int: Tensor]) {
        precondition(images.rank == 4 && images.shape[1] == imageSize && images.shape[2] == imageSize,
                     "VisionTransformerTeacher expects [B, \(imageSize), \(imageSize), channels], got \(images.shape)")
        let pixels = (images.permuted([0, 3, 1, 2]) + 1) * 0.5
        let normalised = (pixels - mean.converted(to: images.dtype)) / standardDeviation.converted(to: images.dtype)
        return encoder.patchFeatures(resize(normalised), attentionBlocks: attentionBlocks)
    }
}
