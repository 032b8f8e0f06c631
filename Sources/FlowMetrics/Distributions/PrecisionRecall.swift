/// Improved precision and recall (Kynkäänniemi et al. 2019) from k-nearest-neighbour balls.
///
/// Each sample's ball has the radius of its k-th nearest neighbour in its own set (k = 3).
/// Precision is the fraction of fake samples inside at least one real ball; recall is the fraction of
/// real samples inside at least one fake ball. The default boundary is closed (`<=`), as in the NVlabs
/// reference code; `.open` (`<`) reproduces the prdc package's precision and recall. The two agree
/// unless a distance equals a radius exactly (duplicate or lattice-valued features).
public struct PrecisionRecall: Sendable {
    /// The neighbour whose distance sets each ball's radius (3).
    public var neighbourCount: Int
    /// Whether the ball boundary counts as inside.
    public var boundary: NeighbourhoodBoundary

    /// Creates the metric; defaults are k = 3 and a closed boundary.
    public init(neighbourCount: Int = 3, boundary: NeighbourhoodBoundary = .closed) {
        self.neighbourCount = neighbourCount
        self.boundary = boundary
    }

    /// Precision (fidelity of the fake samples) and recall (their coverage of the real ones), both in [0, 1].
    public struct Result: Sendable, Equatable {
        /// Fraction of fake samples inside some real ball.
        public var precision: Double
        /// Fraction of real samples inside some fake ball.
        public var recall: Double
    }

    /// Computes precision and recall with blocked GEMM distances.
    ///
    /// - Throws: `FeatureMetricsError` for empty sets, different widths, or fewer than k + 1 samples in either set.
    public func compute(real: FeatureSet, fake: FeatureSet) throws -> Result {
        try ManifoldNeighbourhoods.compute(real: real, fake: fake, precisionRecall: self, densityCoverage: nil).precisionRecall!
    }
}
