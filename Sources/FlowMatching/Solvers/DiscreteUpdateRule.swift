/// How the discrete state of a joint solve advances over one step.
public enum DiscreteUpdateRule: Sendable {
    /// The mixture Euler jump rule (`MixtureDiscreteEulerSolver`) with an optional divergence-free
    /// coefficient and the source probabilities it needs.
    case euler(divergenceFree: Double, sourceProbabilities: [Double]?)
    /// The jump schedule of CrossFlows: each token gets a time `T_d = kappa_inverse(U_d)` and is resampled from
    /// the posterior once, in the step whose interval holds `T_d` (`FirstHittingSampler` on a grid).
    case jumpSchedule

    /// The Euler rule without a divergence-free term.
    public static let plainEuler = DiscreteUpdateRule.euler(divergenceFree: 0, sourceProbabilities: nil)
}
