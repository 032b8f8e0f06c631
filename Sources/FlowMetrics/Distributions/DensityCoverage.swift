/// Density and coverage (Naeem et al. 2020), exactly as the prdc package computes them.
///
/// Balls around the real samples only, radius = distance to the k-th nearest real neighbour (k = 5).
/// Density = `(1/k) * mean over fake samples of the number of real balls containing it` (can exceed 1);
/// coverage = fraction of real samples whose ball contains at least one fake sample, i.e. whose nearest
/// fake sample is at a distance `<` its radius. Both use prdc's strict `<`.
public struct DensityCoverage: Sendable {
    /// The neighbour whose distance sets each real ball's radius (5).
    public var neighbourCount: Int

    /// Creates the metric; the default is k = 5.
    public init(neighbourCount: Int = 5) {
        self.neighbourCount = neighbourCount
    }

    /// Density (unbounded above, 1 on matching distributions) and coverage (in [0, 1]).
    public struct Result: Sendable, Equatable {
        /// Mean count of real balls containing a fake sample, divided by k.
        public var density: Double
        /// Fraction of real balls containing some fake sample.
        public var coverage: Double
    }

    /// Computes density and coverage with blocked GEMM distances.
    ///
    /// - Throws: `FeatureMetricsError` for empty sets, different widths, or fewer than k + 1 real samples.
    public func compute(real: FeatureSet, fake: FeatureSet) throws -> Result {
        try ManifoldNeighbourhoods.compute(real: real, fake: fake, precisionRecall: nil, densityCoverage: self).densityCoverage!
    }
}
