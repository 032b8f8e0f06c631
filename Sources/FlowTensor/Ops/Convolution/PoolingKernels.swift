/// The max and average pooling kernels, plane by plane over FlowTensor's threads, generic over the element type.
enum PoolingKernels<S: TensorScalar> {
    /// The input rows (or columns) window `output` covers, clipped to the input, and the unclipped extent
    /// inside the padded input (PyTorch's divisor when padding is counted).
    @inline(__always)
    static func span(_ output: Int, stride: Int, padding: Int, kernel: Int, input: Int) -> (Range<Int>, padded: Int) {
        let start = output * stride - padding
        let end = Swift.min(start + kernel, input + padding)
        return (Swift.max(start, 0)..<Swift.min(end, input), end - start)
    }

    static func maxForward(_ x: Tensor, _ result: Tensor, _ winners: inout [Int32], planes: Int, _ window: SlidingWindow) {
        let source = SendablePointer(x.buffer(S.self).baseAddress!)
        let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
        winners.withUnsafeMutableBufferPointer { winnerBuffer in
            guard let base = winnerBuffer.baseAddress else { return }
            let winnerTarget = SendablePointer(base)
            parallelFor(planes, minimumChunk: Swift.max(1, 16_384 / Swift.max(1, window.inputPlane))) { range in
                for plane in range {
                    let input = source.base + plane * window.inputPlane
                    let output = target.base + plane * window.outputPlane
                    let winner = winnerTarget.base + plane * window.outputPlane
                    for outputRow in 0..<window.outputHeight {
                        let (rows, _) = span(outputRow, stride: window.strideHeight, padding: window.paddingHeight,
                                             kernel: window.kernelHeight, input: window.inputHeight)
                        for outputColumn in 0..<window.outputWidth {
                            let (columns, _) = span(outputColumn, stride: window.strideWidth, padding: window.paddingWidth,
                                                    kernel: window.kernelWidth, input: window.inputWidth)
                            var best = -S.infinity, bestIndex = rows.lowerBound * window.inputWidth + columns.lowerBound
                            for row in rows {
                                for column in columns {
                                    let value = input[row * window.inputWidth + column]
                                    if value > best || value.isNaN {
                                        best = value
                                        bestIndex = row * window.inputWidth + column
                                        if value.isNaN { break }
                                    }
                                }
                            }
                            output[outputRow * window.outputWidth + outputColumn] = best
                            winner[outputRow * window.outputWidth + outputColumn] = Int32(bestIndex)
                        }
                    }
                }
            }
        }
    }

    static func maxBackward(_ gradient: Tensor, _ inputGradient: Tensor, _ winners: [Int32], planes: Int,
                            _ window: SlidingWindow) {
        let upstream = gradient.buffer(S.self)
        let target = inputGradient.mutableBuffer(S.self)
        for plane in 0..<planes {
            for index in 0..<window.outputPlane {
                let flat = plane * window.outputPlane + index
                target[plane * window.inputPlane + Int(winners[flat])] += upstream[flat]
            }
        }
    }

    static func averageForward(_ x: Tensor, _ result: Tensor, planes: Int, _ window: SlidingWindow,
                               _ countIncludePad: Bool) {
        let source = SendablePointer(x.buffer(S.self).baseAddress!)
        let target = SendablePointer(result.mutableBuffer(S.self).baseAddress!)
        parallelFor(planes, minimumChunk: Swift.max(1, 16_384 / Swift.max(1, window.inputPlane))) { range in
            for plane in range {
                let input = source.base + plane * window.inputPlane
                let output = target.base + plane * window.outputPlane
                for outputRow in 0..<window.outputHeight {
                    let (rows, paddedRows) = span(outputRow, stride: window.strideHeight, padding: window.paddingHeight,
                                                  kernel: window.kernelHeight, input: window.inputHeight)
                    for outputColumn in 0..<window.outputWidth {
                        let (columns, paddedColumns) = span(
                            outputColumn, stride: window.strideWidth, padding: window.paddingWidth,
                            kernel: window.kernelWidth, input: window.inputWidth)
                        var total: S = 0
                        for row in rows {
                            for column in columns { total += input[row * window.inputWidth + column] }
                        }
                        let divisor = countIncludePad ? paddedRows * paddedColumns : rows.count * columns.count
                        output[outputRow * window.outputWidth + outputColumn] = total / S(divisor)
                    }
                }
            }
        }
    }

    static func averageBackward(_ gradient: Tensor, _ inputGradient: Tensor, planes: Int, _ window: SlidingWindow,
                                _ countIncludePad: Bool) {
        let upstream = SendablePointer(gradient.buffer(S.self).baseAddress!)
        let target = SendablePointer(inputGradient.mutableBuffer(S.self).baseAddress!)
        parallelFor(planes, minimumChunk: Swift.max(1, 16_384 / Swift.max(1, window.inputPlane))) { range in
            for plane in range {
                let input = target.base + plane * window.inputPlane
                let output = upstream.base + plane * window.outputPlane
                for outputRow in 0..<window.outputHeight {
                    let (rows, paddedRows) = span(outputRow, stride: window.strideHeight, padding: window.paddingHeight,
                                                  kernel: window.kernelHeight, input: window.inputHeight)
                    for outputColumn in 0..<window.outputWidth {
                        let (columns, paddedColumns) = span(
                            outputColumn, stride: window.strideWidth, padding: window.paddingWidth,
                            kernel: window.kernelWidth, input: window.inputWidth)
                        let divisor = countIncludePad ? paddedRows * paddedColumns : rows.count * columns.count
                        let share = output[outputRow * window.outputWidth + outputColumn] / S(divisor)
                        for row in rows {
                            for column in columns { input[row * window.inputWidth + column] += share }
                        }
                    }
                }
            }
        }
    }
}
