/// The stages of a spec and the references to them, read from the spec's node (so that every misplaced reference
/// is reported even when the spec does not decode as a whole).
///
/// Stages run in the order written, so a stage may only use an earlier one; that rule alone excludes cycles, which
/// ``problems()`` names as such. The main model may use any stage.
///
/// ```swift
/// let graph = StageGraph(spec.resolved)
/// try SpecErrors.throwIfAny(graph.problems())
/// graph.dependencies(of: "finetune")   // ["pretrain"]
/// ```
struct StageGraph {
    /// Where a spec (a stage's partial, the experiment, a variant) may name a stage: `init.stage` (a warm start)
    /// and the model options that load a stage frozen (``FrozenStageReference``), listed in ``frozenKeyPaths``.
    static let referenceKeyPaths: [[String]] = [["init", "stage"]] + frozenKeyPaths

    /// The model options that load a stage frozen: an image tokenizer, a text autoencoder, a REPA teacher.
    static let frozenKeyPaths: [[String]] = ["tokenizer", "text", "teacher"].map { ["model", $0, "stage"] }

    /// The stage names, in the order written.
    let names: [String]
    /// Every reference, stages first (in order), then the experiment's, then its variants'.
    let references: [StageReference]

    /// The graph of a resolved spec node (after `extends:` and overrides).
    init(_ node: SpecNode) {
        let stageEntries = node["stages"]?.entries ?? []
        names = stageEntries.map(\.key)
        var references: [StageReference] = []
        func collect(in spec: SpecNode?, referrer: String?, prefix: String) {
            guard let spec else { return }
            for path in Self.referenceKeyPaths {
                var value: SpecNode? = spec
                for key in path { value = value?[key] }
                guard let value, let scalar = value.scalar, scalar.kind != .null else { continue }
                references.append(StageReference(referrer: referrer, keyPath: prefix + path.joined(separator: "."),
                                                 section: path.dropLast().joined(separator: "."), stage: scalar.text,
                                                 location: value.location))
            }
        }
        for entry in stageEntries { collect(in: entry.value, referrer: entry.key, prefix: "stages.\(entry.key).") }
        collect(in: node, referrer: nil, prefix: "")
        for entry in node["variants"]?.entries ?? [] { collect(in: entry.value, referrer: nil, prefix: "variants.\(entry.key).") }
        self.references = references
    }

    /// The stages `stage` uses directly, in the order its references are written.
    func dependencies(of stage: String) -> [String] {
        references.filter { $0.referrer == stage }.map(\.stage)
    }

    /// A missing stage, a stage that uses itself or a later one (a cycle, when the later one leads back): one located
    /// error per bad reference.
    func problems() -> [SpecError] {
        let position = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var errors: [SpecError] = []
        for reference in references {
            guard let target = position[reference.stage] else {
                let known = names.isEmpty ? "this spec declares no stages (add one under stages:)" : "stages: \(names.joined(separator: ", "))"
                errors.append(SpecError(location: reference.location, keyPath: reference.keyPath,
                                        message: "no stage '\(SpecSnippet.quoting(reference.stage))'; \(known)"
                                            + Suggestions.didYouMean(reference.stage, among: names)))
                continue
            }
            guard let referrer = reference.referrer, let own = position[referrer] else { continue }
            if target == own {
                errors.append(SpecError(location: reference.location, keyPath: reference.keyPath,
                                        message: "stage '\(referrer)' cannot start from itself; name an earlier stage"))
            } else if target > own {
                var message = "stage '\(reference.stage)' comes after '\(referrer)'; stages run in the order written, so a stage can only use an earlier one"
                if let cycle = path(from: reference.stage, to: referrer) {
                    message += " (this is a cycle: \(([referrer] + cycle).joined(separator: " → ")))"
                } else {
                    message += "; move '\(reference.stage)' above '\(referrer)'"
                }
                errors.append(SpecError(location: reference.location, keyPath: reference.keyPath, message: message))
            }
        }
        return errors
    }

    /// The stages from `start` to `end` along references (both included), if `end` can be reached.
    private func path(from start: String, to end: String) -> [String]? {
        var visited: Set<String> = []
        func search(_ stage: String) -> [String]? {
            if stage == end { return [stage] }
            guard visited.insert(stage).inserted else { return nil }
            for next in dependencies(of: stage) {
                if let rest = search(next) { return [stage] + rest }
            }
            return nil
        }
        return search(start)
    }
}
