extension ExperimentRunner {
    /// Loads a spec file with overrides and checks it completely (``validate(_:registry:)``), reporting every
    /// error at once: overrides that do not parse or apply, values that do not decode, and component options,
    /// even when the spec as a whole does not decode.
    ///
    /// ```swift
    /// let spec = try ExperimentRunner.loadValidated(file: "Experiments/smoke.yaml",
    ///                                               overrides: ["seeds=[0,0]", "data.cells_per_side=0"])
    /// // 2 errors in the spec:
    /// //   override 'seeds=[0,0]': seeds: seed 0 is listed twice; seeds must be distinct
    /// //   override 'data.cells_per_side=0': data.cells_per_side: 0 is out of range; must be in [1, 4096]
    /// ```
    public static func loadValidated(file path: String, overrides: [String] = [],
                                     registry: ComponentRegistry = .standard) throws -> ExperimentSpec {
        var node = try SpecNode.load(file: path)
        var collector = SpecErrorCollector()
        for text in overrides {
            guard let override = try collector.attempt({ try OverrideParser.parse(text) }) else { continue }
            if let applied = try collector.attempt({ try node.applying(override) }) { node = applied }
        }
        let spec: ExperimentSpec?
        spec = try collector.attempt { try ExperimentSpec(resolved: node) }
        if let spec, collector.errors.isEmpty {
            try validate(spec, registry: registry)
            return spec
        }
        // The spec did not decode as a whole; still check the sections that can be read on their own, and when only a
        // variant, stage or sweep value failed, everything else (setups, stages that fit).
        StageGraph(node).problems().forEach { collector.record($0) }
        if let decoded = try? SpecDecoder.decode(ExperimentSpec.self, from: node) {
            try collector.attempt { try validate(decoded, registry: registry) }
        }
        if let trainNode = node["train"], let train = try? SpecDecoder.decode(TrainSpec.self, from: trainNode, keyPath: "train") {
            let model = node["model"].flatMap { try? SpecDecoder.decode(ComponentSpec.self, from: $0, keyPath: "model").name }
            train.problems(model: model, in: trainNode).forEach { collector.record($0) }
        }
        for (kind, componentNode, keyPath) in componentNodes(of: node) {
            try collector.attempt {
                try registry.validate(try SpecDecoder.decode(ComponentSpec.self, from: componentNode, keyPath: keyPath), as: kind)
            }
        }
        try collector.throwIfAny()
        preconditionFailure("a spec that failed to decode recorded an error")
    }

    /// The component nodes of an undecoded spec node, at their usual places, with their kinds and key paths.
    private static func componentNodes(of node: SpecNode) -> [(ComponentKind, SpecNode, String)] {
        var result: [(ComponentKind, SpecNode, String)] = []
        func add(_ kind: ComponentKind, _ child: SpecNode?, _ keyPath: String) {
            if let child { result.append((kind, child, keyPath)) }
        }
        add(.dataset, node["data"], "data")
        add(.model, node["model"], "model")
        for entry in node["modalities"]?.entries ?? [] {
            let modality = entry.value
            for (key, kind) in [("path", ComponentKind.path), ("scheduler", .scheduler), ("source", .source),
                                ("time_sampler", .timeSampler), ("loss", .loss)] {
                add(kind, modality[key], "modalities.\(entry.key).\(key)")
            }
        }
        add(.solver, node["sample"]?["solver"], "sample.solver")
        add(.guidance, node["sample"]?["guidance"], "sample.guidance")
        for (index, metric) in (node["eval"]?["metrics"]?.elements ?? []).enumerated() {
            add(.metric, metric, "eval.metrics[\(index)]")
        }
        for (index, term) in (node["alignment"]?.elements ?? []).enumerated() {
            add(.alignment, term, "alignment[\(index)]")
        }
        return result
    }
}
