import FlowData

/// The images of one sampling configuration (one CFG scale of a variant, or a draw of real data), with their prompts.
struct SampledImages {
    /// `crossflows_w3.0`, `data_reference`, ...
    let name: String
    /// The variant it belongs to (`data` for real images).
    let variant: String
    /// A human description of how it was sampled.
    let method: String
    /// uint8 `[N, S, S, 3]`.
    let pixels: [UInt8]
    /// The prompt of each image; nil when unprompted.
    let prompts: [String]?
    /// The prompts as tokens, `[N, L]` row-major; nil when unprompted.
    let promptTokens: [Int]?
    /// The scene each prompt describes (shapes), else nil.
    let promptScenes: [ShapeScene]?
}
