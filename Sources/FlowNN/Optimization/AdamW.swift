import Dispatch
import FlowTensor

/// Adam with decoupled weight decay (Loshchilov & Hutter), exactly PyTorch's `torch.optim.AdamW`.
///
/// For each parameter θ with gradient g at its step t (counted per parameter, from 1):
/// ```
/// θ ← θ (1 - lr · λ)
/// m ← β₁ m + (1 - β₁) g          v ← β₂ v + (1 - β₂) g²
/// θ ← θ - (lr / (1 - β₁ᵗ)) · m / (√v / √(1 - β₂ᵗ) + ε)
/// ```
/// Parameters without a gradient (or frozen since) are skipped, as in PyTorch.
///
/// ```swift
/// let optimizer = AdamW(module: model, learningRate: 1e-3)
/// loss.backward()
/// optimizer.step()
/// optimizer.zeroGradients()
/// ```
public final class AdamW {
    /// The step size.
    public var learningRate: Double
    /// The decay rate of the first-moment average.
    public var beta1: Double
    /// The decay rate of the second-moment average.
    public var beta2: Double
    /// The constant added to the denominator.
    public var epsilon: Double
    /// The decoupled weight-decay coefficient λ.
    public var weightDecay: Double
    /// The parameters updated, with their names (the keys of the optimizer state).
    public let parameters: [(name: String, tensor: Tensor)]

    var firstMoments: [String: Tensor] = [:]
    var secondMoments: [String: Tensor] = [:]
    var steps: [String: Int] = [:]

    /// An optimizer for named parameters (names must be unique).
    public init(parameters: [(name: String, tensor: Tensor)], learningRate: Double = 1e-3,
                betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8, weightDecay: Double = 1e-2) {
        precondition(Set(parameters.map(\.name)).count == parameters.count, "AdamW: parameter names must be unique")
        self.parameters = parameters
        self.learningRate = learningRate
        (beta1, beta2) = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// An optimizer for a module's trainable parameters.
    public convenience init(module: Module, learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            epsilon: Double = 1e-8, weightDecay: Double = 1e-2) {
        self.init(parameters: module.trainableParameters(), learningRate: learningRate, betas: betas,
                  epsilon: epsilon, weightDecay: weightDecay)
    }

    /// The number of steps taken by the parameter that has taken the most (0 before the first step).
    public var stepCount: Int { steps.values.max() ?? 0 }

    /// Updates every parameter that has a gradient, in place.
    public func step() {
        for (name, parameter) in parameters {
            guard parameter.requiresGrad, let gradient = parameter.grad else { continue }
            precondition(gradient.shape == parameter.shape && gradient.dtype == parameter.dtype,
                         "AdamW: gradient of \(name) is \(gradient.shape) \(gradient.dtype), parameter \(parameter.shape) \(parameter.dtype)")
            let first = firstMoments[name] ?? Tensor.zeros(parameter.shape, dtype: parameter.dtype)
            let second = secondMoments[name] ?? Tensor.zeros(parameter.shape, dtype: parameter.dtype)
            firstMoments[name] = first
            secondMoments[name] = second
            let step = (steps[name] ?? 0) + 1
            steps[name] = step
            switch parameter.dtype {
            case .float32: update(parameter, gradient, first, second, step: step, Float.self)
            case .float64: update(parameter, gradient, first, second, step: step, Double.self)
            }
        }
    }

    /// Clears the gradients of all parameters.
    public func zeroGradients() {
        for (_, parameter) in parameters { parameter.grad = nil }
    }

    private func update<S: TensorScalar>(_ parameter: Tensor, _ gradient: Tensor, _ first: Tensor, _ second: Tensor,
                                         step: Int, _ type: S.Type) {
        let (beta1, beta2) = (S(self.beta1), S(self.beta2))
        let decay = 1 - S(learningRate * weightDecay)
        let stepSize = S(learningRate / (1 - Double.pow(self.beta1, step)))
        let correction2 = S((1 - Double.pow(self.beta2, step)).squareRoot())
        let epsilon = S(self.epsilon)
        let g = UpdatePointer(UnsafeMutablePointer(mutating: gradient.buffer(S.self).baseAddress!))
        first.withUnsafeMutableBuffer(S.self) { firstBuffer in
            second.withUnsafeMutableBuffer(S.self) { secondBuffer in
                parameter.withUnsafeMutableBuffer(S.self) { parameterBuffer in
                    let (m, v, theta) = (UpdatePointer(firstBuffer.baseAddress!), UpdatePointer(secondBuffer.baseAddress!),
                                         UpdatePointer(parameterBuffer.baseAddress!))
                    // Elementwise and independent: split over threads in contiguous chunks for large parameters.
                    let count = parameterBuffer.count
                    let chunks = Swift.max(1, Swift.min(ComputeThreads.count, count / 65_536))
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        for i in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                            let gi = g.base[i]
                            let mi = beta1 * m.base[i] + (1 - beta1) * gi
                            let vi = beta2 * v.base[i] + (1 - beta2) * gi * gi
                            m.base[i] = mi
                            v.base[i] = vi
                            theta.base[i] = theta.base[i] * decay - stepSize * mi / (vi.squareRoot() / correction2 + epsilon)
                        }
                    }
                }
            }
        }
    }
}

/// A buffer pointer the optimizer's worker threads share; each touches a disjoint range.
private struct UpdatePointer<S>: @unchecked Sendable {
    let base: UnsafeMutablePointer<S>
    init(_ base: UnsafeMutablePointer<S>) { self.base = base }
}
