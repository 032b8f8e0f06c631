/// Which text latents a FlowTok image-to-text flow is trained to reach: what the frozen text projector makes of
/// the captions' MiniLM states.
enum FlowTokTextLatent: String, Sendable, Codable, CaseIterable {
    /// The projector's posterior mean μ: one deterministic target per caption (the default).
    case mean
    /// A sample `μ + exp(logvar / 2) ε`, as the text decoder saw in training.
    case sample
}
