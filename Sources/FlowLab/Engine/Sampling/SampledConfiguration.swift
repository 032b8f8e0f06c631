/// The samples of one sampling configuration (a variant, or one CFG scale of it).
struct SampledConfiguration {
    /// `cfg_w3.0`, `crossflows`, ...
    let name: String
    /// The variant it belongs to.
    let variant: String
    /// Generated points, `[N, 2]` row-major.
    let points: [Float]
    /// The conditioning (or starting) label of each sample.
    let condition: [Int]
    /// The final discrete state of joint samples; nil for the label-conditioned flow.
    let finalLabels: [Int]?
    /// A human description of how it was sampled.
    let method: String
}
