extension RGBImage {
    /// The image resized to `width x height` exactly as PIL's `Image.resize(size, Image.BICUBIC)`.
    ///
    /// Pillow's two-pass convolution with an 8-bit intermediate image: normally a horizontal pass
    /// (only over the rows the vertical pass reads), then a vertical pass. Like Pillow 13
    /// (python-pillow/Pillow#9549), the vertical pass goes first when the height shrinks by more
    /// than twice as many pixels as the width; Pillow 12 and older always go horizontal first, so for
    /// such sizes they can differ from this by a few levels. Shrinking stretches the kernel, so the
    /// result is antialiased. Same fixed-point arithmetic as Pillow, so the bytes agree.
    ///
    ///     let thumbnail = try photo.centerCropped().resized(width: 64, height: 64)
    public func resized(width newWidth: Int, height newHeight: Int) throws -> RGBImage {
        guard newWidth > 0, newHeight > 0 else {
            throw ImageError(source: "resize", "target size must be positive, got \(newWidth) x \(newHeight)")
        }
        if newWidth == width, newHeight == height { return self }
        let vertical = ResamplingKernel(inputSize: height, outputSize: newHeight)
        if newWidth == width { return resampledVertically(with: vertical, rowOffset: 0) }
        if newHeight == height { return resampledHorizontally(to: newWidth, rows: 0..<height) }
        if newHeight < height, height - newHeight > 2 * (width - newWidth) {
            return resampledVertically(with: vertical, rowOffset: 0)
                .resampledHorizontally(to: newWidth, rows: 0..<newHeight)
        }
        let firstRow = vertical.start[0]
        let lastRow = vertical.start[newHeight - 1] + vertical.count[newHeight - 1]
        return resampledHorizontally(to: newWidth, rows: firstRow..<lastRow)
            .resampledVertically(with: vertical, rowOffset: firstRow)
    }

    /// The rows `rows` resampled along x to `newWidth` columns.
    private func resampledHorizontally(to newWidth: Int, rows: Range<Int>) -> RGBImage {
        let kernel = ResamplingKernel(inputSize: width, outputSize: newWidth)
        var output = [UInt8](repeating: 0, count: newWidth * rows.count * 3)
        let inputWidth = width
        pixels.withUnsafeBufferPointer { input in
            kernel.weights.withUnsafeBufferPointer { weights in
                output.withUnsafeMutableBufferPointer { result in
                    for (outputRow, row) in rows.enumerated() {
                        let rowBase = row * inputWidth * 3
                        for column in 0..<newWidth {
                            let first = kernel.start[column]
                            let weightBase = column * kernel.size
                            var red = ResamplingKernel.roundingOffset
                            var green = red
                            var blue = red
                            var index = rowBase + first * 3
                            for tap in 0..<kernel.count[column] {
                                let weight = Int(weights[weightBase + tap])
                                red += Int(input[index]) * weight
                                green += Int(input[index + 1]) * weight
                                blue += Int(input[index + 2]) * weight
                                index += 3
                            }
                            let target = (outputRow * newWidth + column) * 3
                            result[target] = ResamplingKernel.clip(red)
                            result[target + 1] = ResamplingKernel.clip(green)
                            result[target + 2] = ResamplingKernel.clip(blue)
                        }
                    }
                }
            }
        }
        return RGBImage(uncheckedWidth: newWidth, height: rows.count, pixels: output)
    }

    /// Resampled along y with `kernel`; this image's row 0 is the source row `rowOffset`.
    private func resampledVertically(with kernel: ResamplingKernel, rowOffset: Int) -> RGBImage {
        let newHeight = kernel.count.count
        let rowLength = width * 3
        var output = [UInt8](repeating: 0, count: rowLength * newHeight)
        var sums = [Int](repeating: 0, count: rowLength)
        pixels.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { result in
                sums.withUnsafeMutableBufferPointer { sums in
                    for row in 0..<newHeight {
                        for index in 0..<rowLength { sums[index] = ResamplingKernel.roundingOffset }
                        let first = kernel.start[row] - rowOffset
                        for tap in 0..<kernel.count[row] {
                            let weight = Int(kernel.weights[row * kernel.size + tap])
                            let sourceBase = (first + tap) * rowLength
                            for index in 0..<rowLength { sums[index] += Int(input[sourceBase + index]) * weight }
                        }
                        let targetBase = row * rowLength
                        for index in 0..<rowLength { result[targetBase + index] = ResamplingKernel.clip(sums[index]) }
                    }
                }
            }
        }
        return RGBImage(uncheckedWidth: width, height: newHeight, pixels: output)
    }
}
