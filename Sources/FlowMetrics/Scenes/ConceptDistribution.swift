import FlowData

/// The distribution of colour x shape concepts (`ShapeComposition`) over the objects of many scenes.
///
/// ```swift
/// let data = ConceptDistribution(objects: trainScenes.flatMap(\.objects))
/// let generated = ConceptDistribution(objects: readings.flatMap { $0 })
/// generated.totalVariation(from: data)              // ½ Σ |p - q| over the 24 concepts
/// generated.massOnRarest(of: data, fraction: 0.2)   // generated mass on the data's rarest 20% of concepts
/// ```
public struct ConceptDistribution: Sendable, Equatable {
    /// Relative frequency of each concept, indexed by `ShapeComposition.index` (all zero for no objects).
    public let frequencies: [Double]
    /// The number of objects counted.
    public let objectCount: Int

    /// The frequencies of the concepts of `objects`.
    public init(objects: [ShapeObject]) {
        frequencies = LabelDistribution.histogram(objects.map { ShapeComposition(color: $0.color, shape: $0.shape).index },
                                                  labelCount: ShapeComposition.all.count)
        objectCount = objects.count
    }

    /// Total variation distance `½ Σ |p - q|` from `reference`.
    public func totalVariation(from reference: ConceptDistribution) -> Double {
        LabelDistribution.totalVariation(frequencies, reference.frequencies)
    }

    /// The concepts holding the least frequent `fraction` of `reference`'s mass (the mode-collapse experiment's rule).
    public static func rarestConcepts(of reference: ConceptDistribution, fraction: Double = 0.2) -> [ShapeComposition] {
        LabelDistribution.rareLabels(reference: reference.frequencies, fraction: fraction).map { ShapeComposition.all[$0] }
    }

    /// This distribution's mass on `reference`'s rarest concepts holding `fraction` of its mass.
    public func massOnRarest(of reference: ConceptDistribution, fraction: Double = 0.2) -> Double {
        LabelDistribution.rareLabels(reference: reference.frequencies, fraction: fraction).reduce(0) { $0 + frequencies[$1] }
    }
}
