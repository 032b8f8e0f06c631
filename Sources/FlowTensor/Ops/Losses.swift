/// How a per-element loss is reduced.
public enum LossReduction: String, Sendable {
    case mean, sum, none
}

extension Tensor {
    /// Cross-entropy of logits `[..., C]` against class indices (one per row), from a fused log-softmax.
    ///
    /// Rows whose target equals `ignoreIndex` contribute nothing and are left out of the mean.
    public static func crossEntropy(logits: Tensor, targets: [Int], reduction: LossReduction = .mean,
                                    ignoreIndex: Int? = nil) -> Tensor {
        let width = logits.shape.last!
        let rows = logits.count / width
        precondition(targets.count == rows, "crossEntropy: \(targets.count) targets for \(rows) rows")
        let kept = targets.map { $0 != ignoreIndex }
        let safeTargets = zip(targets, kept).map { $1 ? $0 : 0 }
        let logProbabilities = logits.reshaped([rows, width]).logSoftmax()
        let mask = Tensor(shape: [rows], scalars: kept.map { $0 ? 1.0 : 0.0 }).converted(to: logits.dtype)
        let perRow = -(logProbabilities.gather(lastAxis: safeTargets) * mask)
        switch reduction {
        case .none: return perRow.reshaped(Array(logits.shape.dropLast()))
        case .sum: return perRow.sum()
        case .mean: return perRow.sum() / Double(Swift.max(1, kept.filter { $0 }.count))
        }
    }

    /// Mean (or sum) of squared differences.
    public static func meanSquaredError(_ prediction: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        let squared = (prediction - target).squared()
        switch reduction {
        case .none: return squared
        case .sum: return squared.sum()
        case .mean: return squared.mean()
        }
    }
}
