import FlowMatching

extension ComponentRegistry {
    /// Checks the rules that involve more than one component, for the spec and each of its variants, so a
    /// combination that cannot work is a spec error before any run folder exists.
    ///
    /// Each variant's own components are validated too (a variant may name components the spec does not).
    /// Components a custom registry builds as other types than the standard ones are not constrained here.
    func validateCombinations(_ spec: ExperimentSpec) throws {
        try validateJumpScheduleSource(spec)
        for variant in spec.variants {
            let variantSpec = try spec.variant(named: variant.name)
            for (kind, component) in variantSpec.components {
                try validate(component, as: kind)
            }
            try validateJumpScheduleSource(variantSpec)
        }
    }

    /// `discrete: jump_schedule` needs the mask source (or `cross_guidance` over it) on every generated
    /// discrete modality.
    ///
    /// The jump schedule resamples each token once, from the posterior `p(x_1 | x_t)` at its jump time. That
    /// is the law of the token's data value only when a token that has not jumped is recognisable, which the
    /// mask makes it; with a uniform source it looks like data and the samples come from the wrong law (a
    /// chi-square test against the exact posterior fails by two orders of magnitude).
    func validateJumpScheduleSource(_ spec: ExperimentSpec) throws {
        let solverSpec = spec.sample.solver
        guard let solver = try? make(SolverChoice.self, .solver, from: solverSpec), case .jumpSchedule = solver.discreteUpdate else {
            return
        }
        for modality in spec.modalities where modality.kind == .discrete && modality.role == .generated {
            guard let sourceSpec = modality.source, let source = try? make(SourceChoice.self, .source, from: sourceSpec) else { continue }
            if case .mask = source.base { continue }
            let written: String
            if case .crossGuidance = source {
                written = "'cross_guidance' with base 'uniform'"
            } else {
                written = "'\(sourceSpec.name)'"
            }
            throw SpecError(
                location: solverSpec.options["discrete"]?.location ?? solverSpec.location,
                keyPath: solverSpec.keyPath + ".discrete",
                message: "the jump schedule is exact only for the mask source, but \(sourceSpec.keyPath) "
                    + "(\(sourceSpec.location)) is \(written): a token that has not jumped yet then looks like data, "
                    + "so resampling it once from the posterior p(x_1 | x_t) at its jump time draws from the wrong "
                    + "distribution. Use source 'mask' (or 'cross_guidance' with base: mask), or discrete: euler")
        }
    }
}
