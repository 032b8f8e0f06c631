import FlowModels
import FlowNN
import FlowTensor

/// A `repa` alignment term checked against its spec (REFERENCE.md §6): the options, the frozen teacher stage and
/// the teacher's tokenizer options.
///
/// `L_repa = mean_b mean_n −cos(y_n, h_φ(h_n))`, with `h_n` the image stream's hidden state of token n after MM-DiT
/// block `layer` (`features["block.layer"]`), `h_φ` the model's projector `projectors.0`, and `y_n` the frozen
/// teacher's patch feature n of the *clean* image x₁ (`ImageTokenizerEncoder.patchFeatures`, no gradient). The
/// total loss gains `weight · L_repa` while `step < until_step` (HASTE's early stop), logged as `loss_repa`.
struct RepresentationAlignment: Sendable {
    /// The term's options.
    let options: RepaOptions
    /// The teacher stage.
    let teacher: FrozenStageReference
    /// The teacher stage's resolved spec (how to build the network its checkpoint holds).
    let teacherSpec: ExperimentSpec
    /// The teacher's tokenizer options.
    let teacherOptions: FlowTokTokenizerOptions

    /// The projector's output width: the teacher's feature width.
    var teacherWidth: Int { teacherOptions.width }

    /// The `repa` term of `spec` checked against its model and data, or nil when the spec has none or it cannot be
    /// set up; every problem is recorded in `collector` as a located error (a teacher stage of the wrong kind is
    /// left to the model's ``FrozenStageUser`` check).
    static func check(spec: ExperimentSpec, registry: ComponentRegistry, modelOptions: any CaptionedImageModelOptions,
                      imageSize: Int, into collector: inout SpecErrorCollector) throws -> RepresentationAlignment? {
        guard let term = spec.alignment.first else { return nil }
        for extra in spec.alignment.dropFirst() {
            collector.record(SpecError(location: extra.location, keyPath: extra.keyPath,
                                       message: "one alignment term per model; remove '\(extra.name)'"))
        }
        guard let model = modelOptions as? CrossFlowsFlowOptions else {
            collector.record(SpecError(location: term.location, keyPath: term.keyPath,
                                       message: "model '\(spec.model.name)' exposes no intermediate features for alignment terms (REPA); use model 'crossflows' or leave alignment empty"))
            return nil
        }
        guard let options = try collector.attempt({ try registry.make(RepaOptions.self, .alignment, from: term) }) else { return nil }
        var usable = true
        if options.layer >= model.imageDepth {
            collector.record(SpecError(location: term.options["layer"]?.location ?? term.location, keyPath: term.keyPath + ".layer",
                                       message: "block \(options.layer) does not exist: the image flow has \(model.imageDepth) MM-DiT blocks (layer 0...\(model.imageDepth - 1))"))
            usable = false
        }
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
                                           message: "the REPA teacher '\(teacher.stage)' must be a stage of this experiment (under stages:)"))
            }
            return nil  // an unknown stage is reported by the stage graph
        }
        guard let teacherOptions = try? registry.make(Any.self, .model, from: teacherSpec.model) as? FlowTokTokenizerOptions else {
            return nil  // reported by the model's frozen-stage check
        }
        let studentSide = imageSize / model.patchSize
        let teacherSide = imageSize / teacherOptions.patchSize
        if studentSide != teacherSide {
            collector.record(SpecError(location: teacherNode?["stage"]?.location ?? teacherNode?.location ?? spec.model.location,
                                       keyPath: spec.model.keyPath + ".teacher.stage",
                                       message: "teacher patch \(teacherOptions.patchSize) on \(imageSize) px gives \(teacherSide)x\(teacherSide) tokens, the image flow has \(studentSide)x\(studentSide): set patch_size \(model.patchSize) in stage '\(teacher.stage)'"))
            usable = false
        }
        return usable ? RepresentationAlignment(options: options, teacher: teacher, teacherSpec: teacherSpec, teacherOptions: teacherOptions) : nil
    }

    /// The frozen teacher encoder, loaded from the stage's checkpoint in `frozen`.
    func loadTeacher(frozen: FrozenStages) throws -> ImageTokenizerEncoder {
        let data = try CaptionedImageData.load(teacherSpec, registry: .standard)
        var unused = RandomGenerator(seed: 0)
        let tokenizer = try teacherOptions.makeModel(spec: teacherSpec, data: data, generator: &unused)
        try frozen.load(teacher, option: "teacher", into: tokenizer)
        return tokenizer.encoder
    }

    /// Whether the term applies at training step `step` (before `until_step`).
    func isActive(step: Int) -> Bool { options.untilStep.map { step < $0 } ?? true }

    /// `mean_b mean_n −cos(y_n, projector(h_n))` for hidden states `hidden` (`[B, N, width]`) and teacher features
    /// `teacher` (`[B, N, D]`, treated as constants).
    static func loss(hidden: Tensor, projector: Sequential, teacher: Tensor) -> Tensor {
        let projected = projector(hidden)
        let target = teacher.detached()
        let dot = (projected * target).sum(axes: [-1])
        let norms = ((projected.squared().sum(axes: [-1]) + 1e-12) * (target.squared().sum(axes: [-1]) + 1e-12)).sqrt()
        return -(dot / norms).mean()
    }
}
