import FlowTensor

/// Sentence-transformers' pooling for all-MiniLM-L6-v2: the mean of the real (unpadded) token states, then L2
/// normalisation (`F.normalize`, with the norm clamped at 1e-12).
public enum SentencePooling {
    /// `[B, width]`: row `b` is the mean of `hidden[b, 0..<lengths[b], :]`, divided by its Euclidean norm when `normalize`.
    public static func meanPooled(_ hidden: Tensor, lengths: [Int], normalize: Bool = true) -> Tensor {
        precondition(hidden.rank == 3 && hidden.shape[0] == lengths.count, "meanPooled: \(hidden.shape) vs \(lengths.count) lengths")
        let (length, width) = (hidden.shape[1], hidden.shape[2])
        let values = hidden.floats
        var pooled = [Float](repeating: 0, count: lengths.count * width)
        for (row, real) in lengths.enumerated() {
            var sums = [Double](repeating: 0, count: width)
            for position in 0..<real {
                let base = (row * length + position) * width
                for feature in 0..<width { sums[feature] += Double(values[base + feature]) }
            }
            let means = sums.map { $0 / Double(max(real, 1)) }
            let norm = normalize ? max(means.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12) : 1
            for feature in 0..<width { pooled[row * width + feature] = Float(means[feature] / norm) }
        }
        return Tensor(shape: [lengths.count, width], scalars: pooled)
    }
}
