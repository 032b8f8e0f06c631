import FlowTensor

/// Integrates a velocity field on a fixed time grid (flow_matching's `ODESolver` with a fixed-step method).
///
/// A descending grid integrates backwards (inversion: data to noise). Runs without recording gradients.
///
/// ```swift
/// let samples = ODESolver(method: .midpoint).sample(start: noise, timeGrid: TimeGrid.uniform(steps: 50), velocity: model)
/// ```
public struct ODESolver: Sendable {
    /// The integration rule.
    public let method: ODEMethod

    /// A solver with the given rule (Euler by default).
    public init(method: ODEMethod = .euler) { self.method = method }

    /// The state at the last grid time, starting from `start` at the first.
    ///
    /// Only the current state is kept (the same steps as ``trajectory(start:timeGrid:velocity:)``, whose memory
    /// grows with the number of steps).
    public func sample(start: Tensor, timeGrid: [Double], velocity: VelocityModel) -> Tensor {
        precondition(timeGrid.count >= 2, "ODESolver: the time grid needs at least two times")
        let batch = start.shape[0]
        return withNoGradient {
            var x = start
            for index in 0..<(timeGrid.count - 1) {
                let (t, h) = (timeGrid[index], timeGrid[index + 1] - timeGrid[index])
                x = method.step(x, t: t, h: h,
                                rate: { state, time in velocity(state, .full([batch], time, dtype: state.dtype)) },
                                advance: { state, size, rate in state + rate * size })
            }
            return x
        }
    }

    /// The states at every grid time (the first is `start`).
    public func trajectory(start: Tensor, timeGrid: [Double], velocity: VelocityModel) -> [Tensor] {
        precondition(timeGrid.count >= 2, "ODESolver: the time grid needs at least two times")
        let batch = start.shape[0]
        return withNoGradient {
            var states = [start]
            var x = start
            for index in 0..<(timeGrid.count - 1) {
                let (t, h) = (timeGrid[index], timeGrid[index + 1] - timeGrid[index])
                x = method.step(x, t: t, h: h,
                                rate: { state, time in velocity(state, .full([batch], time, dtype: state.dtype)) },
                                advance: { state, size, rate in state + rate * size })
                states.append(x)
            }
            return states
        }
    }
}
