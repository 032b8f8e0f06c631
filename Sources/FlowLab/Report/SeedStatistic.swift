/// The mean and sample standard deviation of one metric over seeds, and the rule that decides whether two such
/// numbers differ.
///
/// Two values differ when they are more than ``relativeMargin`` (5%) of the larger apart *and* more than twice the
/// larger standard deviation over seeds; otherwise they tie. The rule is fixed before any run and shared by every
/// paper table of the reports (CrossFlows' Table 1, the ablation sub-tables). Example:
///
///     let a = SeedStatistic(values: [30.1, 31.0])!, b = SeedStatistic(values: [36.2, 35.4])!
///     SeedStatistic.compare(a, b)   // -1: a is smaller, beyond 5% and 2 sigma
struct SeedStatistic: Sendable, Equatable {
    /// The mean over seeds.
    let mean: Double
    /// The sample standard deviation over seeds (n - 1 in the denominator); 0 for one seed.
    let std: Double
    /// The number of seeds.
    let count: Int

    /// Two values closer than this fraction of the larger magnitude tie.
    static let relativeMargin = 0.05

    /// The statistic of `values`, leaving out non-finite ones; nil when none is left.
    init?(values: [Double]) {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        let mean = finite.reduce(0, +) / Double(finite.count)
        let variance = finite.count > 1 ? finite.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(finite.count - 1) : 0
        self.init(mean: mean, std: variance.squareRoot(), count: finite.count)
    }

    /// A statistic with the given moments.
    init(mean: Double, std: Double, count: Int) {
        self.mean = mean
        self.std = std
        self.count = count
    }

    /// How `a` compares with `b`: 1 (greater), -1 (smaller), 0 (a tie under the thresholds), nil when one is absent.
    static func compare(_ a: SeedStatistic?, _ b: SeedStatistic?) -> Int? {
        guard let a, let b else { return nil }
        let gap = abs(a.mean - b.mean)
        let scale = max(abs(a.mean), abs(b.mean))
        if gap <= relativeMargin * scale || gap <= 2 * max(a.std, b.std) { return 0 }
        return a.mean > b.mean ? 1 : -1
    }
}
