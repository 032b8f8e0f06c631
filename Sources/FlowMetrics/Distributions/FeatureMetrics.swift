/// All distribution metrics between a real and a fake feature set in one call, for `flowlab eval features`.
public struct FeatureMetrics: Sendable {
    /// KID's configuration (torch-fidelity defaults).
    public var kernelInceptionDistance: KernelInceptionDistance
    /// The seed of KID's subset draws.
    public var kernelInceptionDistanceSeed: UInt64
    /// Precision/recall's configuration (k = 3, closed boundary).
    public var precisionRecall: PrecisionRecall
    /// Density/coverage's configuration (k = 5).
    public var densityCoverage: DensityCoverage

    /// Creates the evaluation; every default is the standard tool's.
    public init(
        kernelInceptionDistance: KernelInceptionDistance = KernelInceptionDistance(),
        kernelInceptionDistanceSeed: UInt64 = 0,
        precisionRecall: PrecisionRecall = PrecisionRecall(),
        densityCoverage: DensityCoverage = DensityCoverage()
    ) {
        self.kernelInceptionDistance = kernelInceptionDistance
        self.kernelInceptionDistanceSeed = kernelInceptionDistanceSeed
        self.precisionRecall = precisionRecall
        self.densityCoverage = densityCoverage
    }

    /// Returns fid, kid_mean, kid_std, precision, recall, density, coverage, in that order.
    ///
    /// Every input check runs before any expensive work, so a bad input fails fast with one message.
    /// - Throws: `FeatureMetricsError` for empty sets, different widths, or fewer samples than
    ///   `max(k_precision_recall, k_density_coverage) + 1`.
    public func evaluate(real: FeatureSet, fake: FeatureSet) throws -> FeatureMetricResults {
        try FeatureMetricsError.checkSameWidth(real: real, fake: fake)
        let required = max(precisionRecall.neighbourCount, densityCoverage.neighbourCount) + 1
        let metric = "precision/recall (k = \(precisionRecall.neighbourCount)) and density/coverage "
            + "(k = \(densityCoverage.neighbourCount))"
        try FeatureMetricsError.checkSampleCount(real, role: "real", required: required, metric: metric)
        try FeatureMetricsError.checkSampleCount(fake, role: "fake", required: required, metric: metric)
        try kernelInceptionDistance.validateParameters()

        let fid = try FrechetDistance.distance(real: real, fake: fake)
        let kid = try kernelInceptionDistance.compute(real: real, fake: fake, seed: kernelInceptionDistanceSeed)
        let neighbourhoods = try ManifoldNeighbourhoods.compute(
            real: real, fake: fake, precisionRecall: precisionRecall, densityCoverage: densityCoverage)
        let precisionRecallResult = neighbourhoods.precisionRecall!
        let densityCoverageResult = neighbourhoods.densityCoverage!
        return FeatureMetricResults(entries: [
            ("fid", fid),
            ("kid_mean", kid.mean),
            ("kid_std", kid.standardDeviation),
            ("precision", precisionRecallResult.precision),
            ("recall", precisionRecallResult.recall),
            ("density", densityCoverageResult.density),
            ("coverage", densityCoverageResult.coverage),
        ])
    }
}
