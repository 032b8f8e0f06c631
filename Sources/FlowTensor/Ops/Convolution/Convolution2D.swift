extension Tensor {
    /// 2-D cross-correlation of a batch of images with a bank of filters (PyTorch's `F.conv2d`, dilation 1, groups 1).
    ///
    /// `x` is `[N, C, H, W]`, `weight` `[O, C, kh, kw]`, `bias` `[O]` or nil; `stride` and `padding` are
    /// `[height, width]` (zero padding). The result is `[N, O, H', W']` with `H' = ⌊(H + 2·ph − kh) / sh⌋ + 1`.
    /// Each image is unfolded into a `[C·kh·kw, H'·W']` column matrix (im2col; skipped for 1 x 1 kernels with
    /// stride 1) and multiplied by the `[O, C·kh·kw]` weight matrix in one gemm; a batch is split over
    /// FlowTensor's threads image by image, a single image inside its gemm. The backward pass gives the input,
    /// weight and bias gradients (col2im of `Wᵀ·dY`, `Σ dY·colsᵀ`, and `Σ dY`).
    ///
    /// ```swift
    /// let y = Tensor.convolution2D(images, weight: filters, bias: nil, stride: [2, 2], padding: [1, 1])
    /// ```
    public static func convolution2D(_ x: Tensor, weight: Tensor, bias: Tensor?,
                                     stride: [Int] = [1, 1], padding: [Int] = [0, 0]) -> Tensor {
        precondition(x.rank == 4 && weight.rank == 4 && x.shape[1] == weight.shape[1],
                     "convolution2D: input \(x.shape) ([N, C, H, W]) does not fit weight \(weight.shape) ([O, C, kh, kw])")
        precondition(x.dtype == weight.dtype && bias.map { $0.dtype == x.dtype && $0.shape == [weight.shape[0]] } ?? true,
                     "convolution2D: bias \(bias?.shape ?? []) does not fit weight \(weight.shape) \(weight.dtype)")
        let window = SlidingWindow(inputHeight: x.shape[2], inputWidth: x.shape[3], kernel: Array(weight.shape[2...]),
                                   stride: stride, padding: padding, operation: "convolution2D")
        let (batch, outputChannels) = (x.shape[0], weight.shape[0])
        let result = Tensor.uninitialized([batch, outputChannels, window.outputHeight, window.outputWidth], dtype: x.dtype)
        switch x.dtype {
        case .float32: ConvolutionKernels<Float>.forward(x, weight, bias, result, window)
        case .float64: ConvolutionKernels<Double>.forward(x, weight, bias, result, window)
        }
        var inputs = [x, weight]
        if let bias { inputs.append(bias) }
        return x.record(result, inputs: inputs) { gradient in
            let gradients: (input: Tensor?, weight: Tensor?)
            switch x.dtype {
            case .float32: gradients = ConvolutionKernels<Float>.backward(gradient, x, weight, window)
            case .float64: gradients = ConvolutionKernels<Double>.backward(gradient, x, weight, window)
            }
            var list: [Tensor?] = [x.needsGradient ? gradients.input : nil, weight.needsGradient ? gradients.weight : nil]
            if let bias { list.append(bias.needsGradient ? gradient.sum(axes: [0, 2, 3]) : nil) }
            return list
        }
    }
}

/// The im2col + gemm kernels behind `Tensor.convolution2D`, generic over the element type.
enum ConvolutionKernels<S: TensorScalar> {
    /// Whether the kernel reads the input as it is (1 x 1, stride 1, no padding), so no column matrix is needed.
    static func isPointwise(_ window: SlidingWindow) -> Bool {
        window.kernelArea == 1 && window.strideHeight == 1 && window.strideWidth == 1
            && window.paddingHeight == 0 && window.paddingWidth == 0
    }

    static func forward(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, _ result: Tensor, _ window: SlidingWindow) {
        let (batch, channels, outputChannels) = (x.shape[0], x.shape[1], weight.shape[0])
        let depth = channels * window.kernelArea, plane = window.outputPlane
        guard batch > 0, outputChannels > 0, plane > 0 else { return }
        let input = SendablePointer(x.buffer(S.self).baseAddress!)
        let filters = SendablePointer(weight.buffer(S.self).baseAddress!)
        let output = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
        let biasValues = bias.map { Array($0.buffer(S.self)) }
        let pointwise = isPointwise(window)

        @Sendable func fillBias(_ image: Int) {
            let target = output.base + image * outputChannels * plane
            for channel in 0..<outputChannels {
                (target + channel * plane).update(repeating: biasValues?[channel] ?? 0, count: plane)
            }
        }
        if batch >= 2 && ComputeThreads.count > 1 {
            // One image per task, single-threaded gemm inside: no synchronisation within an image.
            parallelSmallGemms(batch) { images in
                var columns = pointwise ? [] : [S](repeating: 0, count: depth * plane)
                for image in images {
                    fillBias(image)
                    columns.withUnsafeMutableBufferPointer { buffer in
                        let source: UnsafePointer<S>
                        if pointwise {
                            source = UnsafePointer(input.base + image * channels * window.inputPlane)
                        } else {
                            unfold(input.base + image * channels * window.inputPlane, channels: channels,
                                   window: window, rows: 0..<depth, into: buffer.baseAddress!)
                            source = UnsafePointer(buffer.baseAddress!)
                        }
                        S.gemm(transposeA: false, transposeB: false, m: outputChannels, n: plane, k: depth, alpha: 1,
                               a: filters.base, lda: depth, b: source, ldb: plane, beta: 1,
                               c: output.base + image * outputChannels * plane, ldc: plane)
                    }
                }
            }
            return
        }
        var columns = pointwise ? [] : [S](repeating: 0, count: depth * plane)
        for image in 0..<batch {
            fillBias(image)
            columns.withUnsafeMutableBufferPointer { buffer in
                let source: UnsafePointer<S>
                if pointwise {
                    source = UnsafePointer(input.base + image * channels * window.inputPlane)
                } else {
                    let target = SendablePointer(buffer.baseAddress!)
                    parallelFor(depth, minimumChunk: Swift.max(1, 16_384 / plane)) { rows in
                        unfold(input.base + image * channels * window.inputPlane, channels: channels,
                               window: window, rows: rows, into: target.base)
                    }
                    source = UnsafePointer(buffer.baseAddress!)
                }
                ParallelGemm.gemm(transposeA: false, transposeB: false, m: outputChannels, n: plane, k: depth,
                                  alpha: 1, a: filters.base, lda: depth, b: source, ldb: plane, beta: 1,
                                  c: output.base + image * outputChannels * plane, ldc: plane)
            }
        }
    }

    /// Writes rows `rows` of one image's `[C·kh·kw, H'·W']` column matrix (zeros where the window is in the padding).
    static func unfold(_ image: UnsafeMutablePointer<S>, channels: Int, window: SlidingWindow, rows: Range<Int>,
                       into columns: UnsafeMutablePointer<S>) {
        let (outputHeight, outputWidth) = (window.outputHeight, window.outputWidth)
        for row in rows {
            let channel = row / window.kernelArea
            let kernelRow = (row / window.kernelWidth) % window.kernelHeight
            let kernelColumn = row % window.kernelWidth
            let source = image + channel * window.inputPlane
            let target = columns + row * window.outputPlane
            for outputRow in 0..<outputHeight {
                let inputRow = outputRow * window.strideHeight - window.paddingHeight + kernelRow
                let line = target + outputRow * outputWidth
                guard inputRow >= 0 && inputRow < window.inputHeight else {
                    line.update(repeating: 0, count: outputWidth)
                    continue
                }
                let inputLine = source + inputRow * window.inputWidth
                let offset = kernelColumn - window.paddingWidth
                if window.strideWidth == 1 {
                    // Contiguous run: zeros left and right of the part that overlaps the input.
                    let first = Swift.max(0, -offset), last = Swift.min(outputWidth, window.inputWidth - offset)
                    if first > 0 { line.update(repeating: 0, count: Swift.min(first, outputWidth)) }
                    if last > first { (line + first).update(from: inputLine + first + offset, count: last - first) }
                    if last < outputWidth { (line + Swift.max(last, 0)).update(repeating: 0, count: outputWidth - Swift.max(last, 0)) }
                } else {
                    for outputColumn in 0..<outputWidth {
                        let inputColumn = outputColumn * window.strideWidth + offset
                        line[outputColumn] = inputColumn >= 0 && inputColumn < window.inputWidth ? inputLine[inputColumn] : 0
                    }
                }
            }
        }
    }

    /// Adds one image's column matrix back onto its pixels (the adjoint of `unfold`).
    static func fold(_ columns: UnsafePointer<S>, channels: Int, window: SlidingWindow,
                     into image: UnsafeMutablePointer<S>) {
        for row in 0..<(channels * window.kernelArea) {
            let channel = row / window.kernelArea
            let kernelRow = (row / window.kernelWidth) % window.kernelHeight
            let kernelColumn = row % window.kernelWidth
            let target = image + channel * window.inputPlane
            let source = columns + row * window.outputPlane
            for outputRow in 0..<window.outputHeight {
                let inputRow = outputRow * window.strideHeight - window.paddingHeight + kernelRow
                guard inputRow >= 0 && inputRow < window.inputHeight else { continue }
                for outputColumn in 0..<window.outputWidth {
                    let inputColumn = outputColumn * window.strideWidth - window.paddingWidth + kernelColumn
                    guard inputColumn >= 0 && inputColumn < window.inputWidth else { continue }
                    target[inputRow * window.inputWidth + inputColumn] += source[outputRow * window.outputWidth + outputColumn]
                }
            }
        }
    }

    /// The input and weight gradients for an output gradient `[N, O, H', W']`.
    static func backward(_ gradient: Tensor, _ x: Tensor, _ weight: Tensor,
                         _ window: SlidingWindow) -> (input: Tensor?, weight: Tensor?) {
        let (batch, channels, outputChannels) = (x.shape[0], x.shape[1], weight.shape[0])
        let depth = channels * window.kernelArea, plane = window.outputPlane
        let inputGradient = Tensor.zeros(x.shape, dtype: x.dtype)
        let weightGradient = Tensor.zeros(weight.shape, dtype: x.dtype)
        guard batch > 0, outputChannels > 0, plane > 0, depth > 0 else { return (inputGradient, weightGradient) }
        let upstream = gradient.buffer(S.self).baseAddress!
        let filters = weight.buffer(S.self).baseAddress!
        let input = UnsafeMutablePointer(mutating: x.buffer(S.self).baseAddress!)
        let inputTarget = inputGradient.mutableBuffer(S.self).baseAddress!
        let weightTarget = weightGradient.mutableBuffer(S.self).baseAddress!
        var columns = [S](repeating: 0, count: depth * plane)
        var columnGradient = [S](repeating: 0, count: depth * plane)
        for image in 0..<batch {
            let imageGradient = upstream + image * outputChannels * plane
            columns.withUnsafeMutableBufferPointer { buffer in
                unfold(input + image * channels * window.inputPlane, channels: channels, window: window,
                       rows: 0..<depth, into: buffer.baseAddress!)
                // dW += dY · colsᵀ
                ParallelGemm.gemm(transposeA: false, transposeB: true, m: outputChannels, n: depth, k: plane, alpha: 1,
                                  a: imageGradient, lda: plane, b: UnsafePointer(buffer.baseAddress!), ldb: plane,
                                  beta: 1, c: weightTarget, ldc: depth)
            }
            columnGradient.withUnsafeMutableBufferPointer { buffer in
                // dcols = Wᵀ · dY, folded back onto the image.
                ParallelGemm.gemm(transposeA: true, transposeB: false, m: depth, n: plane, k: outputChannels, alpha: 1,
                                  a: filters, lda: depth, b: imageGradient, ldb: plane, beta: 0,
                                  c: buffer.baseAddress!, ldc: plane)
                fold(UnsafePointer(buffer.baseAddress!), channels: channels, window: window,
                     into: inputTarget + image * channels * window.inputPlane)
            }
        }
        return (inputGradient, weightGradient)
    }
}
