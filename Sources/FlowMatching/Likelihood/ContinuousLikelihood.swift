import FlowTensor

/// The log-likelihood of data under a continuous flow, by integrating the reverse ODE with its divergence:
/// `log p_1(x_1) = log p_0(x_0) - int_0^1 div u_t(x_t) dt`, solving `(x, l)` from t = 1 down to t = 0.
///
/// The velocity model must be built from differentiable tensor operations and treat batch rows independently.
/// Its parameters' `grad` receive contributions from the divergence passes; clear them before training.
public struct ContinuousLikelihood: Sendable {
    /// The integration rule.
    public let method: ODEMethod
    /// The number of steps from t = 1 to t = 0.
    public let steps: Int
    /// Exact divergence or Hutchinson's estimate.
    public let divergence: DivergenceEstimator

    /// A likelihood estimator.
    public init(method: ODEMethod = .midpoint, steps: Int = 100, divergence: DivergenceEstimator = .exact) {
        precondition(steps > 0, "ContinuousLikelihood: steps must be positive")
        self.method = method
        self.steps = steps
        self.divergence = divergence
    }

    /// The source point reached from `x1` and `log p_1(x1)` per row (`[B]`).
    ///
    /// `sourceLogDensity` is `log p_0` per row (the standard normal by default); `generator` draws the
    /// Hutchinson probe (unused for the exact divergence).
    public func logLikelihood(x1: Tensor, velocity: VelocityModel,
                              sourceLogDensity: (Tensor) -> Tensor = GaussianSource().logDensity,
                              generator: inout RandomGenerator) -> (x0: Tensor, logLikelihood: Tensor) {
        let batch = x1.shape[0]
        let dimension = x1.count / batch
        let probe: Tensor? = divergence == .hutchinson
            ? Tensor(shape: x1.shape, scalars: generator.uniform(x1.count).map { $0 < 0.5 ? -1.0 : 1.0 }).converted(to: x1.dtype)
            : nil

        func rate(_ state: LikelihoodState, _ t: Double) -> LikelihoodState {
            let times = Tensor.full([batch], t, dtype: x1.dtype)
            return GradientMode.withGradient {
                let (u, divergenceValue) = velocityAndDivergence(state.x, times, velocity, dimension: dimension, probe: probe)
                return LikelihoodState(x: u, logDeterminant: divergenceValue)
            }
        }
        var state = LikelihoodState(x: x1.detached(), logDeterminant: .zeros([batch], dtype: x1.dtype))
        let grid = TimeGrid.uniform(steps: steps, from: 1, to: 0)
        for index in 0..<steps {
            state = method.step(state, t: grid[index], h: grid[index + 1] - grid[index], rate: rate,
                                advance: { a, h, b in
                                    LikelihoodState(x: a.x + b.x * h, logDeterminant: a.logDeterminant + b.logDeterminant * h)
                                })
        }
        return (state.x, withNoGradient { sourceLogDensity(state.x) + state.logDeterminant })
    }

    /// `u(x, t)` and its divergence per row, both detached from any graph.
    private func velocityAndDivergence(_ x: Tensor, _ t: Tensor, _ velocity: VelocityModel, dimension: Int,
                                       probe: Tensor?) -> (Tensor, Tensor) {
        let batch = x.shape[0]
        func leaf() -> Tensor {
            let input = x.detached()
            input.requiresGrad = true
            return input
        }
        if let probe {
            let input = leaf()
            let u = velocity(input, t)
            u.backward(gradient: probe)
            let divergence = (input.grad! * probe).reshaped([batch, -1]).sum(axes: [1])
            return (u.detached(), withNoGradient { divergence })
        }
        var diagonal = [Double](repeating: 0, count: batch)
        var value: Tensor? = nil
        for component in 0..<dimension {
            let input = leaf()
            let u = velocity(input, t)
            if value == nil { value = u.detached() }
            var seed = [Double](repeating: 0, count: x.count)
            for row in 0..<batch { seed[row * dimension + component] = 1 }
            u.backward(gradient: Tensor(shape: x.shape, scalars: seed).converted(to: u.dtype))
            let gradient = input.grad!.doubles
            for row in 0..<batch { diagonal[row] += gradient[row * dimension + component] }
        }
        return (value!, Tensor(shape: [batch], scalars: diagonal).converted(to: x.dtype))
    }
}

/// The pair a likelihood solve integrates: the state and the accumulated divergence.
struct LikelihoodState {
    let x: Tensor
    let logDeterminant: Tensor
}
