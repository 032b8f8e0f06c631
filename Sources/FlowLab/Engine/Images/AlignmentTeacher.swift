import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// The frozen teacher of the alignment terms (REPA, HASTE) checked against its spec: a `flowtok_tokenizer` stage
/// (`model.teacher: {stage: NAME}`), or a weights file (`model.teacher: {weights: PATH, heads: N}`,
/// ``AlignmentTeacherWeights``) of that encoder's parameter names or of a pretrained ViT such as DINOv2, whose
/// encoder gives the patch features and attention logits the terms align with.
struct AlignmentTeacher: Sendable {
    /// Where the teacher comes from.
    enum Source: Sendable {
        /// A stage: its reference, its resolved spec (how to build the network its checkpoint holds) and options.
        case stage(FrozenStageReference, spec: ExperimentSpec, options: FlowTokTokenizerOptions)
        /// A weights file of a tokenizer encoder's names.
        case weights(URL, heads: Int)
        /// A weights file of a pretrained ViT (DINOv2), read on `imageSize` px images resized to the student's
        /// `grid`×`grid` tokens (``VisionTransformerTeacher``).
        case visionTransformer(URL, heads: Int, imageSize: Int, grid: Int)
    }

    /// Where the teacher comes from.
    let source: Source
    /// The encoder's feature width (the REPA projector's output width).
    let width: Int
    /// The encoder's blocks.
    let depth: Int

    /// The teacher stage, nil for a weights file.
    var stage: FrozenStageReference? {
        if case .stage(let reference, _, _) = source { return reference }
        return nil
    }

    /// How messages name the teacher: `the teacher stage 'NAME'` or `the teacher file PATH`.
    var description: String {
        switch source {
        case .stage(let reference, _, _): return "the teacher stage '\(reference.stage)'"
        case .weights(let url, _), .visionTransformer(let url, _, _, _): return "the teacher file \(url.path)"
        }
    }

    /// The teacher of `spec`'s alignment terms, or nil when it cannot be set up; every problem is recorded in
    /// `collector` as a located error, `term` (the first alignment term) locating a missing teacher. The teacher's patch
    /// grid must equal the image flow's token grid (REPA and HASTE never interpolate features); a pretrained ViT's
    /// file (`cls_token`, or transformers' `embeddings.cls_token`) reads images resized to that grid instead. A teacher
    /// stage of the wrong kind is left to the model's ``FrozenStageUser`` check, an unknown stage to the stage graph.
    /// A weights file is read here, before training: a missing file, tensor or mis-shaped tensor is an error naming
    /// the file.
    static func check(spec: ExperimentSpec, registry: ComponentRegistry, term: ComponentSpec, model: CrossFlowsFlowOptions,
                      imageSize: Int, into collector: inout SpecErrorCollector) throws -> AlignmentTeacher? {
        let teacherNode = spec.resolved["model"]?["teacher"]
        let teacherKey = spec.model.keyPath + ".teacher"
        let studentSide = imageSize / model.patchSize
        if let teacherFile = model.teacherWeights {
            let url = URL(fileURLWithPath: teacherFile.weights)
            let location = teacherNode?["weights"]?.location ?? teacherNode?.location ?? spec.model.location
            guard FileManager.default.fileExists(atPath: url.path) else {
                collector.record(SpecError(location: location, keyPath: teacherKey + ".weights",
                                           message: "no teacher weights file at \(url.path)"))
                return nil
            }
            func attempt<T>(_ load: () throws -> T) -> T? {
                do { return try load() } catch {
                    collector.record(SpecError(location: location, keyPath: teacherKey + ".weights",
                                               message: "the teacher weights do not load: \(error)"))
                    return nil
                }
            }
            guard let file = attempt({ try SafetensorsFile(url: url) }) else { return nil }
            if VisionTransformer.isCheckpoint(file) {
                guard let encoder = attempt({ try VisionTransformer.pretrained(file, heads: teacherFile.heads) }) else { return nil }
                if encoder.configuration.channels != 3 {
                    collector.record(SpecError(location: location, keyPath: teacherKey + ".weights",
                                               message: "the ViT in \(url.path) reads \(encoder.configuration.channels)-channel images; the data's images are RGB"))
                    return nil
                }
                return AlignmentTeacher(source: .visionTransformer(url, heads: teacherFile.heads, imageSize: imageSize, grid: studentSide),
                                        width: encoder.configuration.width, depth: encoder.configuration.depth)
            }
            guard let encoder = attempt({ try ImageTokenizerEncoder.pretrained(file, heads: teacherFile.heads) }) else { return nil }
            let sizes = encoder.configuration
            if sizes.patchesPerSide != studentSide || sizes.imageSize != imageSize {
                collector.record(SpecError(location: location, keyPath: teacherKey + ".weights",
                                           message: "the teacher in \(url.path) reads \(sizes.imageSize) px images as \(sizes.patchesPerSide)x\(sizes.patchesPerSide) patches of \(sizes.patchSize) px; the image flow has \(imageSize) px images and \(studentSide)x\(studentSide) tokens"))
                return nil
            }
            return AlignmentTeacher(source: .weights(url, heads: teacherFile.heads), width: sizes.width, depth: sizes.depth)
        }
        guard let teacher = model.teacher else {
            collector.record(SpecError(location: term.location, keyPath: term.keyPath,
                                       message: "'\(term.name)' aligns with a frozen teacher: set model.teacher: {stage: NAME}, a '\(FlowTokTokenizerOptions.name)' stage, or model.teacher: {weights: PATH, heads: N} (a tokenizer encoder's or a DINOv2's safetensors file)"))
            return nil
        }
        guard spec.stages.contains(where: { $0.name == teacher.stage }),
              let teacherSpec = try collector.attempt({ try spec.stage(named: teacher.stage) }) else {
            if spec.stages.isEmpty {
                collector.record(SpecError(location: teacherNode?.location ?? spec.model.location, keyPath: teacherKey + ".stage",
                                           message: "the alignment teacher '\(teacher.stage)' must be a stage of this experiment (under stages:)"))
            }
            return nil
        }
        guard let options = try? registry.make(Any.self, .model, from: teacherSpec.model) as? FlowTokTokenizerOptions else {
            return nil
        }
        let teacherSide = imageSize / options.patchSize
        if studentSide != teacherSide {
            collector.record(SpecError(location: teacherNode?["stage"]?.location ?? teacherNode?.location ?? spec.model.location,
                                       keyPath: teacherKey + ".stage",
                                       message: "teacher patch \(options.patchSize) on \(imageSize) px gives \(teacherSide)x\(teacherSide) tokens, the image flow has \(studentSide)x\(studentSide): set patch_size \(model.patchSize) in stage '\(teacher.stage)'"))
            return nil
        }
        return AlignmentTeacher(source: .stage(teacher, spec: teacherSpec, options: options), width: options.width, depth: options.depth)
    }

    /// Whether the teacher can be loaded from `frozen` (a stage teacher needs its checkpoint there; a file always can).
    func isAvailable(in frozen: FrozenStages) -> Bool {
        stage.map { frozen.checkpoints[$0.stage] != nil } ?? true
    }

    /// The frozen teacher encoder: a stage's, loaded from its checkpoint in `frozen`, or the weights file's.
    func load(frozen: FrozenStages) throws -> any AlignmentTeacherEncoder {
        switch source {
        case .stage(let reference, let spec, let options):
            let data = try CaptionedImageData.load(spec, registry: .standard)
            var unused = RandomGenerator(seed: 0)
            let tokenizer = try options.makeModel(spec: spec, data: data, generator: &unused)
            try frozen.load(reference, option: "teacher", into: tokenizer)
            return tokenizer.encoder
        case .weights(let url, let heads):
            return try ImageTokenizerEncoder.pretrained(try SafetensorsFile(url: url), heads: heads)
        case .visionTransformer(let url, let heads, let imageSize, let grid):
            return try VisionTransformerTeacher(try VisionTransformer.pretrained(try SafetensorsFile(url: url), heads: heads),
                                                imageSize: imageSize, grid: grid)
        }
    }
}
