extension ExperimentSpec {
    /// Loads a spec file, resolving `extends:` and applying command-line overrides, then decodes and
    /// validates it, its variants and every sweep value.
    ///
    /// ```swift
    /// let spec = try ExperimentSpec.load(file: "Experiments/modecollapse.yaml",
    ///                                    overrides: ["train.steps=500", "+train.grad_clip=1.0"])
    /// print(spec.train.steps)          // 500
    /// print(spec.resolvedYAML)         // what --print-config shows and resolved.yaml holds
    /// for variant in spec.variants { _ = try spec.variant(named: variant.name) }
    /// ```
    ///
    /// Errors are ``SpecError``s naming the file, line, column and key path (or the override).
    public static func load(file path: String, overrides: [String] = []) throws -> ExperimentSpec {
        let node = try SpecNode.load(file: path)
        let parsed = try overrides.map(OverrideParser.parse)
        return try ExperimentSpec(resolved: node.applying(parsed))
    }

    /// Decodes a resolved spec node and checks that every variant, every stage and every sweep value decodes too,
    /// and that every `init: {stage: NAME}` names an earlier stage (``StageGraph``).
    public init(resolved node: SpecNode) throws {
        self = try SpecDecoder.decode(ExperimentSpec.self, from: node)
        var collector = SpecErrorCollector()
        for variant in variants { _ = try collector.attempt { try self.variant(named: variant.name) } }
        for stage in stages { _ = try collector.attempt { try self.stage(named: stage.name) } }
        StageGraph(node).problems().forEach { collector.record($0) }
        for axis in sweep {
            for override in try axis.overrides() { _ = try collector.attempt { try applying([override]) } }
        }
        try collector.throwIfAny()
    }

    /// The resolved spec as YAML text: the content of `resolved.yaml` and of `--print-config`.
    public var resolvedYAML: String { resolved.yamlText }

    /// This spec with overrides applied to its resolved node, decoded again (for sweep points).
    public func applying(_ overrides: [Override]) throws -> ExperimentSpec {
        try SpecDecoder.decode(ExperimentSpec.self, from: resolved.applying(overrides))
    }

    /// The full spec of a variant: its partial deep-merged over this spec (without `variants:`).
    public func variant(named name: String) throws -> ExperimentSpec {
        guard let variant = variants.first(where: { $0.name == name }) else {
            let names = variants.map(\.name)
            let known = names.isEmpty ? "this experiment has no variants" : "variants: \(names.joined(separator: ", "))"
            throw SpecError(location: resolved["variants"]?.location ?? resolved.location, keyPath: "variants",
                            message: "unknown variant '\(name)'; \(known)\(Suggestions.didYouMean(name, among: names))")
        }
        var base = resolved
        if case let .mapping(entries) = base.value {
            base.value = .mapping(entries.filter { $0.key != "variants" })
        }
        return try SpecDecoder.decode(ExperimentSpec.self, from: variant.partial.merged(over: base))
    }
}
