/// A named sub-run: a partial spec deep-merged over the rest of the experiment.
public struct VariantSpec: Sendable, Equatable {
    /// The variant's name (its key under `variants:`).
    public var name: String
    /// The partial spec (a mapping, possibly empty).
    public var partial: SpecNode
}
