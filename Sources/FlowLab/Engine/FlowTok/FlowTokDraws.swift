import FlowMatching
import FlowTensor

/// The random draws of one FlowTok text-to-image training step: the projector sample's `ε`, the CFG-indicator
/// assignment and the times `t`.
///
/// Drawn in the order the step uses them (``draw(batch:tokens:channels:cfgProbability:generator:)``), so a step on
/// drawn values equals the step that draws them itself; given (the benchmark, the parity fixture), the step is
/// deterministic.
public struct FlowTokDraws {
    /// `ε` of `z_T = μ + exp(logvar / 2) ε`, `[B, L, d]`.
    public var textNoise: Tensor
    /// Which rows are flagged null and which row's image tokens each row trains towards.
    public var assignment: CFGIndicatorAssignment
    /// The flow times `[B]` (logit-normal(0, 1)).
    public var t: Tensor

    /// Draws given as values.
    public init(textNoise: Tensor, assignment: CFGIndicatorAssignment, t: Tensor) {
        self.textNoise = textNoise
        self.assignment = assignment
        self.t = t
    }

    /// The draws of one step over `batch` rows of `[tokens, channels]` text tokens: `ε`, then the assignment with
    /// flag probability `cfgProbability`, then `t ~ logit-normal(0, 1)`.
    public static func draw(batch: Int, tokens: Int, channels: Int, cfgProbability: Double,
                            generator: inout RandomGenerator) -> FlowTokDraws {
        let noise = generator.normalTensor([batch, tokens, channels])
        let assignment = CFGIndicator(probability: cfgProbability).sample(batchSize: batch, generator: &generator)
        return FlowTokDraws(textNoise: noise, assignment: assignment, t: FlowTokObjective.times(batch, generator: &generator))
    }
}
