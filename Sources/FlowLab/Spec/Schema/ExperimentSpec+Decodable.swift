extension ExperimentSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case experiment, seeds, threads, description, data, model, modalities, alignment, train, sample, variants, sweep
        case evaluation = "eval"
        case initialization = "init"
    }

    /// Decodes and validates a resolved spec node (only through ``SpecDecoder``).
    public init(from decoder: any Decoder) throws {
        guard let nodeDecoder = decoder as? NodeDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "an ExperimentSpec can only be decoded by SpecDecoder"))
        }
        resolved = nodeDecoder.node
        let container = try decoder.container(keyedBy: CodingKeys.self)
        experiment = try container.decode(String.self, forKey: .experiment)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        guard !experiment.isEmpty, experiment.allSatisfy(allowed.contains) else {
            throw DecodingError.dataCorruptedError(forKey: .experiment, in: container,
                                                   debugDescription: "'\(experiment)' is not a valid name; use letters, digits, '_' and '-'")
        }
        seeds = try container.decode([Int].self, forKey: .seeds)
        if seeds.isEmpty || seeds.contains(where: { $0 < 0 }) {
            throw DecodingError.dataCorruptedError(forKey: .seeds, in: container,
                                                   debugDescription: "expected a non-empty list of non-negative integers, got \(seeds)")
        }
        threads = try container.decodeIfPresent(Int.self, forKey: .threads, where: .positive)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        data = try container.decode(ComponentSpec.self, forKey: .data)
        model = try container.decode(ComponentSpec.self, forKey: .model)
        let modalityContainer = try container.nestedContainer(keyedBy: SpecKey.self, forKey: .modalities)
        modalities = try modalityContainer.allKeys.map { try modalityContainer.decode(ModalitySpec.self, forKey: $0) }
        if modalities.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .modalities, in: container, debugDescription: "expected at least one modality")
        }
        alignment = try container.decodeIfPresent([ComponentSpec].self, forKey: .alignment) ?? []
        train = try container.decode(TrainSpec.self, forKey: .train)
        sample = try container.decode(SampleSpec.self, forKey: .sample)
        evaluation = try container.decode(EvalSpec.self, forKey: .evaluation)
        initialization = try container.decodeIfPresent(InitSpec.self, forKey: .initialization)
        variants = try Self.variants(container.decodeIfPresent(SpecNode.self, forKey: .variants))
        sweep = try Self.sweep(container.decodeIfPresent(SpecNode.self, forKey: .sweep))
    }

    private static func variants(_ node: SpecNode?) throws -> [VariantSpec] {
        guard let node, !node.isNull else { return [] }
        guard let entries = node.entries else {
            throw SpecError(location: node.location, keyPath: "variants", message: "expected a mapping of variant names to partial specs, got \(node.summary)")
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        return try entries.map { entry in
            guard entry.key.allSatisfy(allowed.contains), !entry.key.isEmpty else {
                throw SpecError(location: entry.keyLocation, keyPath: "variants.\(entry.key)",
                                message: "'\(entry.key)' is not a valid variant name; use letters, digits, '_' and '-'")
            }
            guard entry.value.entries != nil || entry.value.isNull else {
                throw SpecError(location: entry.value.location, keyPath: "variants.\(entry.key)",
                                message: "expected a partial spec (a mapping), got \(entry.value.summary)")
            }
            let partial = entry.value.isNull ? SpecNode(.mapping([]), location: entry.value.location) : entry.value
            return VariantSpec(name: entry.key, partial: partial)
        }
    }

    private static func sweep(_ node: SpecNode?) throws -> [SpecSweepAxis] {
        guard let node, !node.isNull else { return [] }
        guard let entries = node.entries else {
            throw SpecError(location: node.location, keyPath: "sweep", message: "expected a mapping of key paths to value lists, got \(node.summary)")
        }
        return try entries.map { entry in
            guard let values = entry.value.elements, !values.isEmpty else {
                throw SpecError(location: entry.value.location, keyPath: "sweep.\(entry.key)",
                                message: "expected a non-empty list of values, got \(entry.value.summary)")
            }
            let axis = SpecSweepAxis(key: entry.key, values: values, location: entry.keyLocation)
            _ = try axis.overrides()
            return axis
        }
    }
}
