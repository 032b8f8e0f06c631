extension ExperimentSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case experiment, seeds, threads, description, data, model, modalities, alignment, train, sample, variants, sweep, stages, report
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
        // Sections are independent: decode each, keep every error, and report them all together.
        var collector = SpecErrorCollector(context: nodeDecoder.context)
        let experiment = try collector.attempt { () throws -> String in
            let experiment = try container.decode(String.self, forKey: .experiment)
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
            guard !experiment.isEmpty, experiment.allSatisfy(allowed.contains) else {
                throw DecodingError.dataCorruptedError(forKey: .experiment, in: container,
                                                       debugDescription: "'\(SpecSnippet.quoting(experiment))' is not a valid name; use letters, digits, '_' and '-'")
            }
            return experiment
        }
        let seeds = try collector.attempt { () throws -> [Int] in
            let seeds = try container.decode([Int].self, forKey: .seeds)
            if seeds.isEmpty || seeds.contains(where: { $0 < 0 }) {
                throw DecodingError.dataCorruptedError(forKey: .seeds, in: container,
                                                       debugDescription: "expected a non-empty list of non-negative integers, got \(seeds)")
            }
            if let repeated = seeds.firstRepeated {
                // Averaging two runs of one seed as if they were independent would shrink the error bars.
                throw DecodingError.dataCorruptedError(forKey: .seeds, in: container,
                                                       debugDescription: "seed \(repeated) is listed twice; seeds must be distinct")
            }
            return seeds
        }
        let threads = try collector.attempt { try container.decodeIfPresent(Int.self, forKey: .threads, where: .positive) }
        let description = try collector.attempt { try container.decodeIfPresent(String.self, forKey: .description) }
        let data = try collector.attempt { try container.decode(ComponentSpec.self, forKey: .data) }
        let model = try collector.attempt { try container.decode(ComponentSpec.self, forKey: .model) }
        let modalities = try collector.attempt { () throws -> [ModalitySpec] in
            let modalityContainer = try container.nestedContainer(keyedBy: SpecKey.self, forKey: .modalities)
            var modalities: [ModalitySpec] = []
            var modalityErrors = SpecErrorCollector(context: nodeDecoder.context)
            for key in modalityContainer.allKeys {
                if let modality = try modalityErrors.attempt({ try modalityContainer.decode(ModalitySpec.self, forKey: key) }) {
                    modalities.append(modality)
                }
            }
            try modalityErrors.throwIfAny()
            if modalities.isEmpty {
                throw DecodingError.dataCorruptedError(forKey: .modalities, in: container, debugDescription: "expected at least one modality")
            }
            return modalities
        }
        let alignment = try collector.attempt { try container.decodeIfPresent([ComponentSpec].self, forKey: .alignment) ?? [] }
        let train = try collector.attempt { try container.decode(TrainSpec.self, forKey: .train) }
        let sample = try collector.attempt { try container.decode(SampleSpec.self, forKey: .sample) }
        let evaluation = try collector.attempt { try container.decode(EvalSpec.self, forKey: .evaluation) }
        let initialization = try collector.attempt { try container.decodeIfPresent(InitSpec.self, forKey: .initialization) }
        let variants = try collector.attempt { try Self.variants(container.decodeIfPresent(SpecNode.self, forKey: .variants)) }
        let sweep = try collector.attempt { try Self.sweep(container.decodeIfPresent(SpecNode.self, forKey: .sweep)) }
        let stages = try collector.attempt { try Self.stages(container.decodeIfPresent(SpecNode.self, forKey: .stages)) }
        let report = try collector.attempt { try container.decodeIfPresent(ReportSpec.self, forKey: .report) ?? .empty }
        if let report, let sweep {
            for error in report.check(against: sweep) { collector.record(error) }
        }
        // A stage's curves go to /train/<stage> in metrics.h5, beside the main models' /train/<variant or experiment>.
        let modelNames = Set((variants ?? []).map(\.name) + (experiment.map { [$0] } ?? []))
        for entry in nodeDecoder.node["stages"]?.entries ?? [] where modelNames.contains(entry.key) {
            collector.record(SpecError(location: entry.keyLocation, keyPath: "stages.\(entry.key)",
                                       message: "'\(entry.key)' is already the name of the experiment or a variant; choose another stage name"))
        }
        try collector.throwIfAny()
        guard let experiment, let seeds, let threads, let description, let data, let model, let modalities, let alignment,
              let train, let sample, let evaluation, let initialization, let variants, let sweep, let stages, let report else {
            preconditionFailure("every section decoded or recorded an error")
        }
        self.experiment = experiment
        self.seeds = seeds
        self.threads = threads
        self.description = description
        self.data = data
        self.model = model
        self.modalities = modalities
        self.alignment = alignment
        self.train = train
        self.sample = sample
        self.evaluation = evaluation
        self.initialization = initialization
        self.variants = variants
        self.sweep = sweep
        self.stages = stages
        self.report = report
    }

    /// Names the engine uses for real data (`/data` in samples.h5, `data_reference` rows); no variant may take them.
    public static let reservedVariantNames: Set<String> = ["data", "data_reference"]

    private static func variants(_ node: SpecNode?) throws -> [VariantSpec] {
        guard let node, !node.isNull else { return [] }
        guard let entries = node.entries else {
            throw SpecError(location: node.location, keyPath: "variants", message: "expected a mapping of variant names to partial specs, got \(node.summary)")
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        return try entries.map { entry in
            guard entry.key.allSatisfy(allowed.contains), !entry.key.isEmpty else {
                throw SpecError(location: entry.keyLocation, keyPath: "variants.\(entry.key)",
                                message: "'\(SpecSnippet.quoting(entry.key))' is not a valid variant name; use letters, digits, '_' and '-'")
            }
            if reservedVariantNames.contains(entry.key) {
                throw SpecError(location: entry.keyLocation, keyPath: "variants.\(entry.key)",
                                message: "'\(entry.key)' is reserved: samples.h5 and metrics.h5 store the real data under \(reservedVariantNames.sorted().joined(separator: " and ")); choose another name")
            }
            guard entry.value.entries != nil || entry.value.isNull else {
                throw SpecError(location: entry.value.location, keyPath: "variants.\(entry.key)",
                                message: "expected a partial spec (a mapping), got \(entry.value.summary)")
            }
            let partial = entry.value.isNull ? SpecNode(.mapping([]), location: entry.value.location) : entry.value
            return VariantSpec(name: entry.key, partial: partial)
        }
    }

    /// Keys a stage's partial spec may not set, each with the reason.
    static let keysNotAllowedInStages: [(keys: Set<String>, reason: String)] = [
        (["sample", "eval"], "a stage only trains; the main model is sampled and evaluated"),
        (["variants", "stages", "sweep", "report"], "stages do not nest; declare variants, stages, sweeps and reports at the top level"),
        (["seeds"], "a stage is trained once for each of the experiment's seeds"),
        (["experiment", "threads"], "set it at the top level"),
    ]

    private static func stages(_ node: SpecNode?) throws -> [StageSpec] {
        guard let node, !node.isNull else { return [] }
        guard let entries = node.entries else {
            throw SpecError(location: node.location, keyPath: "stages", message: "expected a mapping of stage names to partial specs, got \(node.summary)")
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        var collector = SpecErrorCollector()
        let stages = try entries.compactMap { entry in
            try collector.attempt { () throws -> StageSpec in
                guard entry.key.allSatisfy(allowed.contains), !entry.key.isEmpty else {
                    throw SpecError(location: entry.keyLocation, keyPath: "stages.\(entry.key)",
                                    message: "'\(SpecSnippet.quoting(entry.key))' is not a valid stage name; use letters, digits, '_' and '-'")
                }
                guard entry.value.entries != nil || entry.value.isNull else {
                    throw SpecError(location: entry.value.location, keyPath: "stages.\(entry.key)",
                                    message: "expected a partial spec (a mapping), got \(entry.value.summary)")
                }
                var keyErrors = SpecErrorCollector()
                for child in entry.value.entries ?? [] {
                    guard let rule = keysNotAllowedInStages.first(where: { $0.keys.contains(child.key) }) else { continue }
                    keyErrors.record(SpecError(location: child.keyLocation, keyPath: "stages.\(entry.key).\(child.key)",
                                               message: "not allowed in a stage: \(rule.reason)"))
                }
                try keyErrors.throwIfAny()
                let partial = entry.value.isNull ? SpecNode(.mapping([]), location: entry.value.location) : entry.value
                return StageSpec(name: entry.key, partial: partial)
            }
        }
        try collector.throwIfAny()
        return stages
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
