import FlowTensor
import Foundation

/// Softmax of each row of `[rows, width]` logits, in Float64 (categorical draws must not be made in Float32).
func softmaxRows(_ logits: [Double], width: Int) -> [Double] {
    var result = logits
    let rows = logits.count / width
    for row in 0..<rows {
        let range = (row * width)..<((row + 1) * width)
        let maximum = result[range].max()!
        var total = 0.0
        for index in range {
            result[index] = exp(result[index] - maximum)
            total += result[index]
        }
        for index in range { result[index] /= total }
    }
    return result
}

/// The logits of a model output, checked against the state and flattened to Float64 rows.
func posteriorRows(_ logits: Tensor, state: DiscreteState, caller: String) -> (probabilities: [Double], vocabulary: Int) {
    let vocabulary = logits.shape.last!
    precondition(logits.count == state.tokens.count * vocabulary,
                 "\(caller): logits \(logits.shape) do not match the discrete state \(state.shape)")
    return (softmaxRows(logits.doubles, width: vocabulary), vocabulary)
}
