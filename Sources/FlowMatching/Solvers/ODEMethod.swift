/// A fixed-step integration rule for `dx/dt = f(x, t)`.
public enum ODEMethod: String, Sendable, CaseIterable, Codable {
    /// `x + h f(x, t)`: one evaluation per step.
    case euler
    /// `x + h f(x + h/2 f(x, t), t + h/2)`: two evaluations, second order.
    case midpoint
    /// `x + h/2 (f(x, t) + f(x + h f(x, t), t + h))`: two evaluations, second order.
    case heun

    /// One step of size `h` (negative when integrating backwards) for any state with `state + h * rate`.
    func step<State>(_ state: State, t: Double, h: Double, rate: (State, Double) -> State,
                     advance: (State, Double, State) -> State) -> State {
        switch self {
        case .euler:
            return advance(state, h, rate(state, t))
        case .midpoint:
            let half = advance(state, h / 2, rate(state, t))
            return advance(state, h, rate(half, t + h / 2))
        case .heun:
            let first = rate(state, t)
            let second = rate(advance(state, h, first), t + h)
            return advance(advance(state, h / 2, first), h / 2, second)
        }
    }
}
