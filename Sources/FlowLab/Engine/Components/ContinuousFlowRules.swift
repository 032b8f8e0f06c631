import FlowMatching

/// The components a generated continuous modality must have: the affine path, the Gaussian source (optionally wrapped
/// in `cross_guidance`, so that some rows start from their own data), the MSE velocity loss.
enum ContinuousFlowRules {
    /// Records one located error per component that does not fit a continuous modality, and returns its affine path
    /// and the probability that a training row starts from its own data (0 for the plain Gaussian source).
    static func check(_ flow: ModalityFlowComponents, registry: ComponentRegistry,
                      into collector: inout SpecErrorCollector) throws -> (path: AffineProbabilityPath, ownSourceProbability: Double) {
        if try registry.make(PathChoice.self, .path, from: flow.path) != .affine {
            collector.record(SpecError(location: flow.path.location, keyPath: flow.path.keyPath,
                                       message: "a continuous modality needs the 'affine' path (the 'mixture' path is for tokens)"))
        }
        let source = try registry.make(SourceChoice.self, .source, from: flow.source)
        if case .gaussian = source.base {} else {
            collector.record(SpecError(location: flow.source.location, keyPath: flow.source.keyPath,
                                       message: "a continuous modality needs the 'gaussian' source (or 'cross_guidance' with base: gaussian)"))
        }
        if try registry.make(LossChoice.self, .loss, from: flow.loss) != .meanSquaredError {
            collector.record(SpecError(location: flow.loss.location, keyPath: flow.loss.keyPath,
                                       message: "a continuous modality is trained with the 'mse' velocity loss"))
        }
        return (AffineProbabilityPath(scheduler: try registry.make((any Scheduler).self, .scheduler, from: flow.scheduler)),
                source.promptProbability)
    }
}
