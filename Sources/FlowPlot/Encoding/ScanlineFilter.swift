/// PNG scanline filtering (PNG spec §9): picks per row the filter with the smallest sum of absolute values.
enum ScanlineFilter {
    /// Returns the filtered stream: for each row, one filter-type byte followed by the filtered row.
    static func filter(pixels: [UInt8], width: Int, height: Int, bytesPerPixel: Int) -> [UInt8] {
        let rowLength = width * bytesPerPixel
        var output = [UInt8](repeating: 0, count: height * (rowLength + 1))
        var candidate = [UInt8](repeating: 0, count: rowLength)
        let zeroRow = [UInt8](repeating: 0, count: rowLength)
        pixels.withUnsafeBufferPointer { pixels in
            output.withUnsafeMutableBufferPointer { output in
                candidate.withUnsafeMutableBufferPointer { candidate in
                    zeroRow.withUnsafeBufferPointer { zeroRow in
                        for row in 0..<height {
                            let current = UnsafeBufferPointer(rebasing: pixels[(row * rowLength)..<((row + 1) * rowLength)])
                            let above = row == 0 ? zeroRow : UnsafeBufferPointer(rebasing: pixels[((row - 1) * rowLength)..<(row * rowLength)])
                            let outputStart = row * (rowLength + 1)
                            var bestCost = Int.max
                            for type in 0..<5 {
                                let cost = apply(type: type, current: current, above: above, bytesPerPixel: bytesPerPixel, into: candidate)
                                if cost < bestCost {
                                    bestCost = cost
                                    output[outputStart] = UInt8(type)
                                    for index in 0..<rowLength { output[outputStart + 1 + index] = candidate[index] }
                                }
                                if bestCost == 0 { break }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// Filters one row with filter `type` into `output`; returns the sum of |byte| read as signed bytes.
    @inline(__always)
    private static func apply(
        type: Int, current: UnsafeBufferPointer<UInt8>, above: UnsafeBufferPointer<UInt8>,
        bytesPerPixel: Int, into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var cost = 0
        for index in 0..<current.count {
            let left = index >= bytesPerPixel ? current[index - bytesPerPixel] : 0
            let up = above[index]
            let upperLeft = index >= bytesPerPixel ? above[index - bytesPerPixel] : 0
            let predictor: UInt8
            switch type {
            case 0: predictor = 0
            case 1: predictor = left
            case 2: predictor = up
            case 3: predictor = UInt8((Int(left) + Int(up)) / 2)
            default: predictor = paeth(left: left, up: up, upperLeft: upperLeft)
            }
            let value = current[index] &- predictor
            output[index] = value
            cost += Int(Int8(bitPattern: value).magnitude)
        }
        return cost
    }

    /// The Paeth predictor: whichever of left, up, upper-left is closest to left + up - upper-left.
    @inline(__always)
    static func paeth(left: UInt8, up: UInt8, upperLeft: UInt8) -> UInt8 {
        let estimate = Int(left) + Int(up) - Int(upperLeft)
        let distanceLeft = abs(estimate - Int(left))
        let distanceUp = abs(estimate - Int(up))
        let distanceUpperLeft = abs(estimate - Int(upperLeft))
        if distanceLeft <= distanceUp, distanceLeft <= distanceUpperLeft { return left }
        if distanceUp <= distanceUpperLeft { return up }
        return upperLeft
    }
}
