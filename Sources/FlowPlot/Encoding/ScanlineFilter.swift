/// PNG scanline filtering (PNG spec §9): picks per row the filter with the smallest sum of absolute values.
enum ScanlineFilter {
    /// The five PNG filter types, in their on-disk numbering.
    private enum Kind: UInt8 {
        case none = 0, sub, up, average, paeth

        /// Trial order: Up first, since it zeroes rows that repeat the one above (flat colour).
        static let trialOrder: [Kind] = [.up, .sub, .paeth, .none, .average]
    }

    /// Returns the filtered stream: for each row, one filter-type byte followed by the filtered row.
    static func filter(pixels: [UInt8], width: Int, height: Int, bytesPerPixel: Int) -> [UInt8] {
        let rowLength = width * bytesPerPixel
        var output = [UInt8](repeating: 0, count: height * (rowLength + 1))
        let zeroRow = [UInt8](repeating: 0, count: rowLength)
        pixels.withUnsafeBufferPointer { pixels in
            zeroRow.withUnsafeBufferPointer { zeroRow in
                output.withUnsafeMutableBufferPointer { output in
                    for row in 0..<height {
                        let current = pixels.baseAddress! + row * rowLength
                        let above = row == 0 ? zeroRow.baseAddress! : current - rowLength
                        var best = Kind.none
                        var bestCost = Int.max
                        for kind in Kind.trialOrder {
                            let cost = filterRow(kind, current: current, above: above, length: rowLength, bytesPerPixel: bytesPerPixel, into: nil, limit: bestCost)
                            if cost < bestCost {
                                bestCost = cost
                                best = kind
                                if cost == 0 { break }
                            }
                        }
                        let destination = output.baseAddress! + row * (rowLength + 1)
                        destination[0] = best.rawValue
                        _ = filterRow(best, current: current, above: above, length: rowLength, bytesPerPixel: bytesPerPixel, into: destination + 1)
                    }
                }
            }
        }
        return output
    }

    /// Filters one row with `kind` into `output`, or (with no output) returns the sum of |byte| read as
    /// signed bytes, giving up early once it reaches `limit`.
    private static func filterRow(
        _ kind: Kind, current: UnsafePointer<UInt8>, above: UnsafePointer<UInt8>, length: Int,
        bytesPerPixel: Int, into output: UnsafeMutablePointer<UInt8>?, limit: Int = .max
    ) -> Int {
        let head = min(bytesPerPixel, length)
        var cost = 0
        @inline(__always) func emit(_ index: Int, _ value: UInt8) {
            if let output { output[index] = value } else { cost &+= Int(Int8(bitPattern: value).magnitude) }
        }
        // The first pixel has no left neighbour: Sub and Paeth reduce to None and Up there, Average to half of Up.
        for index in 0..<head {
            switch kind {
            case .none, .sub: emit(index, current[index])
            case .up, .paeth: emit(index, current[index] &- above[index])
            case .average: emit(index, current[index] &- (above[index] >> 1))
            }
        }
        var start = head
        while start < length {
            let end = min(start + 256, length)
            switch kind {
            case .none:
                for index in start..<end { emit(index, current[index]) }
            case .sub:
                for index in start..<end { emit(index, current[index] &- current[index - bytesPerPixel]) }
            case .up:
                for index in start..<end { emit(index, current[index] &- above[index]) }
            case .average:
                for index in start..<end {
                    emit(index, current[index] &- UInt8((Int(current[index - bytesPerPixel]) + Int(above[index])) >> 1))
                }
            case .paeth:
                for index in start..<end {
                    emit(index, current[index] &- paeth(left: current[index - bytesPerPixel], up: above[index], upperLeft: above[index - bytesPerPixel]))
                }
            }
            if output == nil, cost >= limit { return cost }
            start = end
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
