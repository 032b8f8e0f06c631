import FlowMatching

/// The components a generated discrete modality must have: the mixture path, a convex scheduler, a token source
/// (uniform, mask or cross_guidance) and a token loss (generalized_kl or cross_entropy).
enum DiscreteFlowRules {
    /// Records one located error per component of `modality` that does not fit a generated discrete modality, and
    /// returns the modality when all fit.
    static func check(_ modality: ModalitySpec, registry: ComponentRegistry,
                      into collector: inout SpecErrorCollector) throws -> GeneratedDiscreteModality? {
        guard let flow = modality.flow else {
            preconditionFailure("a generated modality has flow components (the spec validator requires them)")
        }
        var fits = true
        if try registry.make(PathChoice.self, .path, from: flow.path) != .mixture {
            collector.record(SpecError(location: flow.path.location, keyPath: flow.path.keyPath, message: "a discrete modality needs the 'mixture' path"))
            fits = false
        }
        let convex = try registry.make((any Scheduler).self, .scheduler, from: flow.scheduler) as? any ConvexScheduler
        if convex == nil {
            collector.record(SpecError(location: flow.scheduler.location, keyPath: flow.scheduler.keyPath,
                                       message: "the mixture path needs a convex scheduler (condot or polynomial)"))
        }
        let source = try registry.make(SourceChoice.self, .source, from: flow.source)
        if case .gaussian = source.base {
            collector.record(SpecError(location: flow.source.location, keyPath: flow.source.keyPath,
                                       message: "a discrete modality needs a token source (uniform, mask or cross_guidance)"))
            fits = false
        }
        let loss = try registry.make(LossChoice.self, .loss, from: flow.loss)
        if loss == .meanSquaredError {
            collector.record(SpecError(location: flow.loss.location, keyPath: flow.loss.keyPath,
                                       message: "a discrete modality is trained with 'generalized_kl' or 'cross_entropy'"))
            fits = false
        }
        guard fits, let convex else { return nil }
        return GeneratedDiscreteModality(name: modality.name, path: MixtureDiscreteProbabilityPath(scheduler: convex),
                                         source: source, loss: loss, weight: modality.weight)
    }
}
