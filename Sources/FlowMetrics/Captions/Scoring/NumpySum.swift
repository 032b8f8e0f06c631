/// Summation in the order `numpy.sum` / `numpy.mean` use for float64 arrays, so that corpus means
/// agree with pycocoevalcap to the last bits.
enum NumpySum {
    /// numpy's pairwise summation: blocks of 8 partial sums below 128 elements, halves above.
    static func pairwise(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0, 0, $0.count) }
    }

    private static func pairwise(_ values: UnsafeBufferPointer<Double>, _ start: Int, _ count: Int) -> Double {
        if count < 8 {
            var sum = 0.0
            for index in start..<(start + count) { sum += values[index] }
            return sum
        }
        if count <= 128 {
            var partial = [Double](repeating: 0, count: 8)
            for lane in 0..<8 { partial[lane] = values[start + lane] }
            var index = 8
            while index < count - count % 8 {
                for lane in 0..<8 { partial[lane] += values[start + index + lane] }
                index += 8
            }
            var sum = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
            while index < count {
                sum += values[start + index]
                index += 1
            }
            return sum
        }
        var half = count / 2
        half -= half % 8
        return pairwise(values, start, half) + pairwise(values, start + half, count - half)
    }
}
