/// One use of a stage by a later stage or by the main model: `init: {stage: NAME}` (and, once they exist, frozen
/// components such as `teacher: {stage: NAME}`).
struct StageReference: Sendable, Equatable {
    /// The stage that refers; nil for the main model (the experiment or one of its variants).
    let referrer: String?
    /// The full key path of the reference, e.g. `stages.finetune.init.stage` or `variants.cfg.init.stage`.
    let keyPath: String
    /// The section that holds the reference, relative to the referring spec, e.g. `init`.
    let section: String
    /// The referenced stage's name.
    let stage: String
    /// Where the name was written.
    let location: SpecLocation
}
