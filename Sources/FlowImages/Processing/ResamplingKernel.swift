/// The fixed-point weights of PIL's reducing bicubic convolution along one axis (Pillow `Resample.c`).
///
/// Output sample `i` covers input positions `[start[i], start[i] + count[i])` with weights
/// `weights[i * size ..< i * size + count[i]]`. When shrinking, the bicubic kernel (a = -0.5,
/// support 2) is stretched by the scale so every input pixel contributes (antialiasing). Weights are
/// normalised to sum 1 and stored with 22 fractional bits, exactly as Pillow rounds them.
struct ResamplingKernel {
    /// Fractional bits of the fixed-point weights (`32 - 8 - 2` in Pillow).
    static let precisionBits = 22

    /// First input index per output sample.
    let start: [Int]
    /// Number of input samples per output sample.
    let count: [Int]
    /// Weights, `size` per output sample (the unused tail is 0).
    let weights: [Int32]
    /// The stride of `weights` per output sample.
    let size: Int

    /// The kernel mapping `inputSize` samples onto `outputSize`.
    init(inputSize: Int, outputSize: Int) {
        let scale = Double(Float(inputSize)) / Double(outputSize)
        let filterScale = Swift.max(scale, 1)
        let support = Self.bicubicSupport * filterScale
        size = Int(support.rounded(.up)) * 2 + 1
        var start = [Int](repeating: 0, count: outputSize)
        var count = [Int](repeating: 0, count: outputSize)
        var weights = [Int32](repeating: 0, count: outputSize * size)
        var real = [Double](repeating: 0, count: size)
        for output in 0..<outputSize {
            let center = (Double(output) + 0.5) * scale
            let first = Swift.max(Int(center - support + 0.5), 0)
            let span = Swift.min(Int(center + support + 0.5), inputSize) - first
            var total = 0.0
            for offset in 0..<span {
                real[offset] = Self.bicubic((Double(offset + first) - center + 0.5) / filterScale)
                total += real[offset]
            }
            for offset in 0..<span {
                let weight = total != 0 ? real[offset] / total : real[offset]
                let scaled = weight * Double(1 << Self.precisionBits)
                weights[output * size + offset] = Int32(weight < 0 ? scaled - 0.5 : scaled + 0.5)
            }
            start[output] = first
            count[output] = span
        }
        self.start = start
        self.count = count
        self.weights = weights
    }

    /// Support of the bicubic kernel in input pixels at scale 1.
    static let bicubicSupport = 2.0

    /// Keys' cubic convolution kernel with a = -0.5 (Pillow's `bicubic_filter`).
    static func bicubic(_ position: Double) -> Double {
        let a = -0.5
        let x = abs(position)
        if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return (((x - 5) * x + 8) * x - 4) * a }
        return 0
    }

    /// A fixed-point sum shifted back to 8 bits and clamped to 0...255 (Pillow's `clip8`).
    @inline(__always)
    static func clip(_ sum: Int) -> UInt8 {
        UInt8(clamping: sum >> precisionBits)
    }

    /// The rounding offset every sum starts from.
    static let roundingOffset = 1 << (precisionBits - 1)
}
