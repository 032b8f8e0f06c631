import FlowModels
import FlowTensor

/// Options of the `crossflows` model: CrossFlows' joint image and caption flows (an MM-DiT image flow reading the
/// current caption, a caption flow reading the current image); small defaults. `teacher: {stage: NAME}` names the
/// frozen `flowtok_tokenizer` stage whose patch features and attention the alignment terms (REPA, HASTE) align the
/// image stream with; `teacher: {weights: PATH, heads: N}` reads that encoder, or a DINOv2, from a weights file instead.
struct CrossFlowsFlowOptions: Decodable, Sendable, CaptionedImageModelOptions, FrozenStageUser {
    /// Pixels per patch side of the image flow; must divide the image side.
    var patchSize: Int
    /// Token width of the image flow.
    var imageWidth: Int
    /// MM-DiT blocks of the image flow.
    var imageDepth: Int
    /// Attention heads of the image flow; must divide its width.
    var imageHeads: Int
    /// Token width of the caption flow.
    var captionWidth: Int
    /// Blocks of the caption flow.
    var captionDepth: Int
    /// Attention heads of the caption flow; must divide its width.
    var captionHeads: Int
    /// Pixels per patch side of the caption flow's image encoder (default: `patch_size`).
    var encoderPatchSize: Int?
    /// ViT blocks of the caption flow's image encoder (default 0: a linear map of the patches).
    var encoderDepth: Int
    /// MLP width over token width, in both flows.
    var mlpRatio: Double
    /// The frozen REPA teacher stage (`teacher: {stage: NAME}`), nil without one.
    var teacher: FrozenStageReference?
    /// The alignment teacher from a weights file (`teacher: {weights: PATH, heads: N}`), nil without one.
    var teacherWeights: AlignmentTeacherWeights?
    /// Output widths of REPA projectors (set by ``ModalitySetup`` from the alignment terms, not decoded).
    var projectorWidths: [Int] = []
    /// Hidden width of the REPA projectors (set by ``ModalitySetup``, not decoded).
    var projectorHidden = 2048

    enum CodingKeys: String, CodingKey {
        case patchSize = "patch_size", imageWidth = "image_width", imageDepth = "image_depth", imageHeads = "image_heads"
        case captionWidth = "caption_width", captionDepth = "caption_depth", captionHeads = "caption_heads"
        case encoderPatchSize = "encoder_patch_size", encoderDepth = "encoder_depth", mlpRatio = "mlp_ratio", teacher
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        patchSize = try container.decodeIfPresent(Int.self, forKey: .patchSize, where: .within(1...64)) ?? 4
        imageWidth = try container.decodeIfPresent(Int.self, forKey: .imageWidth, where: .within(1...4096)) ?? 64
        imageDepth = try container.decodeIfPresent(Int.self, forKey: .imageDepth, where: .within(1...64)) ?? 2
        imageHeads = try container.decodeIfPresent(Int.self, forKey: .imageHeads, where: .within(1...64)) ?? 4
        captionWidth = try container.decodeIfPresent(Int.self, forKey: .captionWidth, where: .within(1...4096)) ?? 64
        captionDepth = try container.decodeIfPresent(Int.self, forKey: .captionDepth, where: .within(0...64)) ?? 2
        captionHeads = try container.decodeIfPresent(Int.self, forKey: .captionHeads, where: .within(1...64)) ?? 4
        encoderPatchSize = try container.decodeIfPresent(Int.self, forKey: .encoderPatchSize, where: .within(1...64))
        encoderDepth = try container.decodeIfPresent(Int.self, forKey: .encoderDepth, where: .within(0...64)) ?? 0
        mlpRatio = try container.decodeIfPresent(Double.self, forKey: .mlpRatio, where: .positive) ?? 4
        let teacherKeys = try? container.nestedContainer(keyedBy: AlignmentTeacherWeights.CodingKeys.self, forKey: .teacher)
        if teacherKeys?.contains(.weights) == true {
            teacherWeights = try container.decode(AlignmentTeacherWeights.self, forKey: .teacher)
        } else {
            teacher = try container.decodeIfPresent(FrozenStageReference.self, forKey: .teacher)
        }
    }

    var frozenStages: [String: FrozenStageReference] { teacher.map { ["teacher": $0] } ?? [:] }

    func problem(option: String, stage: ExperimentSpec, registry: ComponentRegistry) -> String? {
        guard stage.model.name == FlowTokTokenizerOptions.name else {
            return "it trains a '\(stage.model.name)' model; a REPA teacher is a '\(FlowTokTokenizerOptions.name)' stage (a ViT image encoder)"
        }
        return nil
    }

    var generatesCaptions: Bool { true }

    /// The joint model's sizes for this data; `captionVocabulary` counts every id a caption state holds (mask included).
    func configuration(imageSize: Int, captionVocabulary: Int, captionLength: Int) -> CrossFlowsConfiguration {
        var configuration = CrossFlowsConfiguration(imageSize: imageSize, patchSize: patchSize, width: imageWidth, depth: imageDepth, heads: imageHeads,
                                captionLength: captionLength, vocabulary: captionVocabulary, captionWidth: captionWidth,
                                captionDepth: captionDepth, captionHeads: captionHeads, encoderPatchSize: encoderPatchSize,
                                mlpRatio: mlpRatio)
        configuration.encoderDepth = encoderDepth
        configuration.projectorWidths = projectorWidths
        configuration.projectorHidden = projectorHidden
        return configuration
    }

    func problems(imageSize: Int, captionVocabulary: Int?, captionLength: Int) -> [String] {
        guard let captionVocabulary else {
            return ["it generates images and captions together: declare 'caption' as a generated discrete modality"]
        }
        return configuration(imageSize: imageSize, captionVocabulary: captionVocabulary, captionLength: captionLength).problems
    }

    func makeNetwork(imageSize: Int, captionVocabulary: Int?, captionLength: Int, image: String, caption: String?,
                     textEncoder: FrozenTextEncoder?, generator: inout RandomGenerator) throws -> any FlowNetwork {
        precondition(textEncoder == nil, "the crossflows model reads no text encoder (ModalitySetup rejects text_encoder)")
        guard let captionVocabulary, let caption else {
            preconditionFailure("the crossflows model generates a caption (ModalitySetup checks this)")
        }
        let model = try CrossFlowsModel(configuration: configuration(imageSize: imageSize, captionVocabulary: captionVocabulary,
                                                                     captionLength: captionLength),
                                        generator: &generator)
        return CrossFlowsFlowNetwork(model: model, image: image, caption: caption)
    }
}
