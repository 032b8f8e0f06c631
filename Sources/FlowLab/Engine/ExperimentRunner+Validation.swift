extension ExperimentRunner {
    /// Checks everything about `spec` that can be checked without running it, and reports every error at once.
    ///
    /// Beyond decoding (types, ranges, unknown keys), this builds each variant's setup through `registry`: component
    /// names and options, how components fit together (a mixture path on a continuous modality, a loss that does
    /// not fit its modality, CFG on a joint flow), schedules, and memory. `flowlab run` calls it before
    /// `--print-config` prints anything and before a run folder exists, so a spec that cannot run fails at once.
    ///
    /// ```swift
    /// let spec = try ExperimentSpec.load(file: "Experiments/modecollapse.yaml", overrides: ["eval.metrics=[]"])
    /// try ExperimentRunner.validate(spec)   // x.yaml:..: eval.metrics: expected at least one metric; ...
    /// ```
    public static func validate(_ spec: ExperimentSpec, registry: ComponentRegistry = .standard) throws {
        var collector = SpecErrorCollector()
        try collector.attempt { try registry.validate(spec) }
        let images = ModalitySetup.handles(spec, registry: registry)
        func setUp(_ spec: ExperimentSpec) throws {
            if images { _ = try ModalitySetup(spec: spec, registry: registry) } else { _ = try FlowSetup(spec: spec, registry: registry) }
        }
        if spec.variants.isEmpty {
            if let problem = spec.train.scheduleProblem(in: spec.resolved["train"]) { collector.record(problem) }
            try collector.attempt { try setUp(spec) }
        } else {
            for variant in spec.variants {
                guard let variantSpec = try collector.attempt({ try spec.variant(named: variant.name) }) else { continue }
                if let problem = variantSpec.train.scheduleProblem(in: variantSpec.resolved["train"]) { collector.record(problem) }
                try collector.attempt { try setUp(variantSpec) }
            }
        }
        try collector.throwIfAny()
    }
}

extension ExperimentRunner {
    /// Throws unless the run's `checkpoint.h5` (if any) was written with `spec`, checked before a resume touches the run.
    public static func checkCheckpoint(of run: RunDirectory, matches spec: ExperimentSpec) throws {
        try CheckpointFile.checkFingerprint(at: run.checkpointURL, acceptedFingerprints: [spec.fingerprint])
    }
}
