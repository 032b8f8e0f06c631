import FlowMatching

/// How samples are integrated: the ODE method and the discrete step rule.
public struct SolverChoice: Sendable {
    /// The ODE method of continuous states.
    public var method: ODEMethod
    /// The step rule of discrete states.
    public var discreteUpdate: DiscreteUpdateRule
    /// Steps of the discrete state when it differs from the continuous one (adaptive horizon).
    public var discreteSteps: Int?
}
