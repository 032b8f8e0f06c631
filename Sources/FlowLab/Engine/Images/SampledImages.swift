import FlowData

/// The images (and captions) of one sampling configuration (one CFG scale of a variant, one joint sampling, or a
/// draw of real data), with their prompts.
struct SampledImages {
    /// `crossflows_w3.0`, `data_reference`, ...
    let name: String
    /// The variant it belongs to (`data` for real images).
    let variant: String
    /// A human description of how it was sampled.
    let method: String
    /// uint8 `[N, S, S, 3]`: the generated images, or the test images the captions were generated from (image to text).
    let pixels: [UInt8]
    /// The prompt of each image; nil when unprompted.
    let prompts: [String]?
    /// The prompts as tokens, `[N, L]` row-major; nil when unprompted.
    let promptTokens: [Int]?
    /// The scene each prompt describes (shapes), else nil.
    let promptScenes: [ShapeScene]?
    /// The generated caption of each sample, decoded; nil when the model generates no captions.
    var captions: [String]? = nil
    /// The generated captions as tokens, `[N, L]` row-major; nil when the model generates no captions.
    var captionTokens: [Int]? = nil
    /// Whether `pixels` were generated (false: they are the test images an image-to-text configuration held fixed).
    var imagesGenerated = true
    /// For an inpainting configuration: the test images (uint8 `[N, S, S, 3]`) and the same with the region cut out,
    /// which the report shows next to the inpainted ones; nil otherwise.
    var inpaintingSources: (originals: [UInt8], cut: [UInt8])? = nil
    /// Wall-clock seconds the sampler took to make this configuration (its sampling throughput); nil for real data.
    var samplingSeconds: Double? = nil

    /// What this configuration gives an evaluator suite: a suite runs on the configurations that have all it needs.
    var provides: Set<EvaluationNeed> {
        var provided: Set<EvaluationNeed> = []
        if imagesGenerated { provided.insert(.images) }
        if captions != nil { provided.insert(.captions) }
        if prompts != nil { provided.insert(.prompts) }
        if promptScenes != nil { provided.insert(.promptScenes) }
        return provided
    }
}
