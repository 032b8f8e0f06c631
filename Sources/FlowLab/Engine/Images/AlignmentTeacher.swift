import FlowModels
import FlowNN
import FlowTensor

/// The frozen teacher of the alignment terms (REPA, HASTE), `model.teacher: {stage: NAME}` checked against its spec:
/// the stage, its resolved spec and its tokenizer options, whose ViT encoder gives the patch features and attention
/// logits the terms align with.
struct AlignmentTeacher: Sendable {
    /// The teacher stage.
    let stage: FrozenStageReference
    /// The teacher stage's resolved spec (how to build the network its checkpoint holds).
    let spec: ExperimentSpec
    /// The teacher's tokenizer options.
    let options: FlowTokTokenizerOptions

    /// The teacher of `spec`'s alignment terms, or nil when it cannot be set up; every problem is recorded in
    /// `collector` as a located error, `term` (the first alignment term) locating a missing teacher. The teacher's patch
    /// grid must equal the image flow's token grid (REPA and HASTE never interpolate features). A teacher stage of the
    /// wrong kind is left to the model's ``FrozenStageUser`` check, an unknown stage to the stage graph.
    static func check(spec: ExperimentSpec, registry: ComponentRegistry, term: ComponentSpec, model: CrossFlowsFlowOptions,
                      imageSize: Int, into collector: inout SpecErrorCollector) throws -> AlignmentTeacher? {
        guard let teacher = model.teacher else {
            collector.record(SpecError(location: term.location, keyPath: term.keyPath,
                                       message: "'\(term.name)' aligns with a frozen teacher: set model.teacher: {stage: NAME}, a '\(FlowTokTokenizerOptions.name)' stage"))
            return nil
        }
        let teacherNode = spec.resolved["model"]?["teacher"]
        guard spec.stages.contains(where: { $0.name == teacher.stage }),
              let teacherSpec = try collector.attempt({ try spec.stage(named: teacher.stage) }) else {
            if spec.stages.isEmpty {
                collector.record(SpecError(location: teacherNode?.location ?? spec.model.location, keyPath: spec.model.keyPath + ".teacher.stage",
                                           message: "the alignment teacher '\(teacher.stage)' must be a stage of this experiment (under stages:)"))
            }
            return nil
        }
        guard let options = try? registry.make(Any.self, .model, from: teacherSpec.model) as? FlowTokTokenizerOptions else {
            return nil
        }
        let studentSide = imageSize / model.patchSize
        let teacherSide = imageSize / options.patchSize
        if studentSide != teacherSide {
            collector.record(SpecError(location: teacherNode?["stage"]?.location ?? teacherNode?.location ?? spec.model.location,
                                       keyPath: spec.model.keyPath + ".teacher.stage",
                                       message: "teacher patch \(options.patchSize) on \(imageSize) px gives \(teacherSide)x\(teacherSide) tokens, the image flow has \(studentSide)x\(studentSide): set patch_size \(model.patchSize) in stage '\(teacher.stage)'"))
            return nil
        }
        return AlignmentTeacher(stage: teacher, spec: teacherSpec, options: options)
    }

    /// The frozen teacher encoder, loaded from the stage's checkpoint in `frozen`.
    func load(frozen: FrozenStages) throws -> ImageTokenizerEncoder {
        let data = try CaptionedImageData.load(spec, registry: .standard)
        var unused = RandomGenerator(seed: 0)
        let tokenizer = try options.makeModel(spec: spec, data: data, generator: &unused)
        try frozen.load(stage, option: "teacher", into: tokenizer)
        return tokenizer.encoder
    }
}
