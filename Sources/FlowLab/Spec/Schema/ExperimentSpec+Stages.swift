extension ExperimentSpec {
    /// Top-level keys a stage does not inherit: the main model's own `init`, and what only the experiment has.
    static let keysNotInheritedByStages: Set<String> = ["variants", "stages", "sweep", "report", "init"]

    /// The full spec of a stage: its partial deep-merged over this spec without `variants`, `stages`, `sweep` and
    /// `init` (a stage starts from scratch unless its partial says `init:`).
    ///
    /// The stage keeps the experiment's `sample` and `eval` sections (it is never sampled); errors in its values
    /// name `stages.<name>.<key>`, at the line where the value was written (in the stage or above it).
    ///
    /// ```swift
    /// let spec = try ExperimentSpec.load(file: "Experiments/shapes-t2i-finetune.yaml")
    /// let pretrain = try spec.stage(named: "pretrain")
    /// print(pretrain.train.steps, pretrain.data.options["objects"] as Any)
    /// ```
    public func stage(named name: String) throws -> ExperimentSpec {
        guard let stage = stages.first(where: { $0.name == name }) else {
            let names = stages.map(\.name)
            let known = names.isEmpty ? "this experiment has no stages" : "stages: \(names.joined(separator: ", "))"
            throw SpecError(location: resolved["stages"]?.location ?? resolved.location, keyPath: "stages",
                            message: "unknown stage '\(name)'; \(known)\(Suggestions.didYouMean(name, among: names))")
        }
        var collector = SpecErrorCollector()
        let spec = try collector.attempt(keyPathPrefix: "stages.\(name)") {
            try SpecDecoder.decode(ExperimentSpec.self, from: stage.partial.merged(over: inheritedNode(by: stage.partial)))
        }
        try collector.throwIfAny()
        guard let spec else { preconditionFailure("a stage that failed to decode recorded an error") }
        return spec
    }

    /// What a stage whose partial is `partial` inherits: this spec without ``keysNotInheritedByStages``, and without
    /// `model` when the stage names another model (its options would not fit, e.g. a tokenizer stage of a FlowTok spec).
    private func inheritedNode(by partial: SpecNode) -> SpecNode {
        var removed = Self.keysNotInheritedByStages
        if let own = partial["model"]?["name"]?.scalar?.text, own != resolved["model"]?["name"]?.scalar?.text {
            removed.insert("model")
        }
        return resolved.removingKeys(removed)
    }
}
