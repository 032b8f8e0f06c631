import FlowModels
import FlowTensor

/// The alignment terms of a CrossFlows spec (`alignment:`), checked together: at most one `repa` term and one
/// `haste_attention` term, sharing the frozen teacher `model.teacher` (HASTE = both terms, REFERENCE.md §6).
struct AlignmentTerms: Sendable {
    /// The frozen teacher both terms read.
    let teacher: AlignmentTeacher
    /// The REPA feature term, nil without one.
    let representation: RepresentationAlignment?
    /// HASTE's attention term, nil without one.
    let attention: AttentionAlignment?

    /// The alignment terms of `spec` checked against its model and data, or nil when the spec has none or they cannot
    /// be set up; every problem is recorded in `collector` as a located error.
    static func check(spec: ExperimentSpec, registry: ComponentRegistry, modelOptions: any CaptionedImageModelOptions,
                      imageSize: Int, into collector: inout SpecErrorCollector) throws -> AlignmentTerms? {
        guard let first = spec.alignment.first else { return nil }
        guard let model = modelOptions as? CrossFlowsFlowOptions else {
            collector.record(SpecError(location: first.location, keyPath: first.keyPath,
                                       message: "model '\(spec.model.name)' exposes no intermediate features for alignment terms (REPA, HASTE); use model 'crossflows' or leave alignment empty"))
            return nil
        }
        let teacher = try AlignmentTeacher.check(spec: spec, registry: registry, term: first, model: model, imageSize: imageSize,
                                                 into: &collector)
        var representation: RepresentationAlignment?
        var attention: AttentionAlignment?
        var usable = true
        var seen: Set<String> = []
        for term in spec.alignment {
            guard seen.insert(term.name).inserted else {
                collector.record(SpecError(location: term.location, keyPath: term.keyPath,
                                           message: "a second '\(term.name)' term; give each alignment term once"))
                usable = false
                continue
            }
            switch term.name {
            case "repa":
                representation = try RepresentationAlignment.check(term: term, registry: registry, model: model, teacher: teacher,
                                                                   into: &collector)
                usable = usable && representation != nil
            case "haste_attention":
                attention = try AttentionAlignment.check(term: term, registry: registry, model: model, teacher: teacher,
                                                         into: &collector)
                usable = usable && attention != nil
            default:
                _ = try collector.attempt { try registry.make(Any.self, .alignment, from: term) }  // reports the unknown name
                usable = false
            }
        }
        guard usable, let teacher else { return nil }
        return AlignmentTerms(teacher: teacher, representation: representation, attention: attention)
    }
}
