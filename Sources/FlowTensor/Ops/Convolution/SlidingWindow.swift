/// Where a 2-D window (convolution kernel or pooling window) lands on an image plane, as PyTorch computes it.
///
/// The output extent along each axis is `⌊(input + 2·padding − kernel) / stride⌋ + 1` (dilation 1, `ceil_mode`
/// off), and output position `o` reads input rows `o·stride − padding ..< o·stride − padding + kernel`.
///
/// ```swift
/// let window = SlidingWindow(inputHeight: 299, inputWidth: 299, kernel: [3, 3], stride: [2, 2], padding: [0, 0])
/// window.outputHeight   // 149
/// ```
struct SlidingWindow: Sendable, Equatable {
    let inputHeight: Int, inputWidth: Int
    let kernelHeight: Int, kernelWidth: Int
    let strideHeight: Int, strideWidth: Int
    let paddingHeight: Int, paddingWidth: Int
    let outputHeight: Int, outputWidth: Int

    /// The window geometry for one input plane; `kernel`, `stride` and `padding` are `[height, width]`.
    init(inputHeight: Int, inputWidth: Int, kernel: [Int], stride: [Int], padding: [Int], operation: String) {
        precondition(kernel.count == 2 && stride.count == 2 && padding.count == 2,
                     "\(operation): kernel \(kernel), stride \(stride) and padding \(padding) must each be [height, width]")
        precondition(kernel.allSatisfy { $0 >= 1 } && stride.allSatisfy { $0 >= 1 } && padding.allSatisfy { $0 >= 0 },
                     "\(operation): kernel \(kernel) and stride \(stride) must be positive, padding \(padding) not negative")
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        (kernelHeight, kernelWidth) = (kernel[0], kernel[1])
        (strideHeight, strideWidth) = (stride[0], stride[1])
        (paddingHeight, paddingWidth) = (padding[0], padding[1])
        let paddedHeight = inputHeight + 2 * paddingHeight, paddedWidth = inputWidth + 2 * paddingWidth
        precondition(paddedHeight >= kernelHeight && paddedWidth >= kernelWidth,
                     "\(operation): kernel \(kernel) is larger than the padded input \([paddedHeight, paddedWidth])")
        outputHeight = (paddedHeight - kernelHeight) / strideHeight + 1
        outputWidth = (paddedWidth - kernelWidth) / strideWidth + 1
    }

    /// Input pixels per plane.
    var inputPlane: Int { inputHeight * inputWidth }
    /// Output pixels per plane.
    var outputPlane: Int { outputHeight * outputWidth }
    /// Pixels per window.
    var kernelArea: Int { kernelHeight * kernelWidth }
}
