/// How the discrete state of a joint solve advances over one step.
public enum DiscreteUpdateRule: Sendable {
    /// The mixture Euler jump rule (`MixtureDiscreteEulerSolver`) with an optional divergence-free
    /// coefficient and the source probabilities `p_0` it needs; nil takes them from the source the sampler
    /// starts from (`MultimodalSolver.sample(condition:...)`).
    case euler(divergenceFree: Double, sourceProbabilities: [Double]?)
    /// The jump schedule of CrossFlows: each token gets a time `T_d = kappa_inverse(U_d)` and is resampled from
    /// the posterior once, in the step whose interval holds `T_d` (`FirstHittingSampler` on a grid).
    ///
    /// Exact only for a mask source: there a token that has not jumped is visibly the mask, so the posterior
    /// `p(x_1 | x_t)` is the law of its data value. With a uniform source a token that has not jumped looks like
    /// data, the posterior mixes "already jumped" and "not yet", and the samples come from the wrong law.
    case jumpSchedule

    /// The Euler rule without a divergence-free term.
    public static let plainEuler = DiscreteUpdateRule.euler(divergenceFree: 0, sourceProbabilities: nil)
}
