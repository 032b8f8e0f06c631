import FlowTensor

/// Scales the gradients of `parameters` so their global L2 norm is at most `maxNorm`; returns the norm before clipping.
///
/// PyTorch's `clip_grad_norm_`: the norm is taken over all gradients together (parameters without a
/// gradient are skipped), and when it exceeds `maxNorm` every gradient is multiplied by `maxNorm / (norm + 1e-6)`.
///
/// ```swift
/// loss.backward()
/// let norm = clipGradientNorm(model.parameters(), maxNorm: 1)
/// optimizer.step()
/// ```
@discardableResult
public func clipGradientNorm(_ parameters: [Tensor], maxNorm: Double) -> Double {
    var sumOfSquares = 0.0
    for parameter in parameters {
        guard let gradient = parameter.grad else { continue }
        for value in gradient.doubles { sumOfSquares += value * value }
    }
    let norm = sumOfSquares.squareRoot()
    let coefficient = maxNorm / (norm + 1e-6)
    if coefficient < 1 {
        withNoGradient {
            for parameter in parameters {
                guard let gradient = parameter.grad else { continue }
                parameter.grad = gradient * coefficient
            }
        }
    }
    return norm
}
