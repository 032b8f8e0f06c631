import CBLAS

/// Kernel Inception Distance: the unbiased squared MMD with a polynomial kernel, averaged over random subsets.
///
/// Follows torch-fidelity 0.4 (`metric_kid.py`, after Binkowski et al.'s MMD-GAN code):
/// kernel `k(x, y) = (gamma x.y + coef0)^degree` with defaults degree 3, `gamma = 1/d`, coef0 1;
/// per subset `MMD^2 = (sum_{i!=j} k(x_i,x_j) + sum_{i!=j} k(y_i,y_j)) / (m (m-1)) - 2 sum_{i,j} k(x_i,y_j) / m^2`;
/// the result is the mean and the population standard deviation (`np.std`) over subsets.
///
/// Subsets: torch-fidelity draws them with NumPy's `RandomState(seed).choice(n, m, replace=False)`, a stream
/// this module does not reimplement. `compute(real:fake:seed:)` draws from a seeded SplitMix64 stream instead
/// (deterministic, same distribution of subsets); `compute(real:fake:subsets:)` takes explicit index lists,
/// which is how the fixtures reproduce torch-fidelity's values exactly.
/// Unlike torch-fidelity, which refuses sets smaller than the subset size, the size is capped at the smaller set.
public struct KernelInceptionDistance: Sendable {
    /// The number of subsets averaged (torch-fidelity: 100).
    public var subsetCount: Int
    /// The samples per subset before capping at the smaller set (torch-fidelity: 1000).
    public var subsetSize: Int
    /// The polynomial degree (3).
    public var degree: Int
    /// The kernel scale; `nil` means `1 / d`.
    public var gamma: Double?
    /// The kernel offset (1).
    public var coefficient0: Double

    /// Creates a KID configuration; the defaults are torch-fidelity's.
    public init(subsetCount: Int = 100, subsetSize: Int = 1000, degree: Int = 3, gamma: Double? = nil, coefficient0: Double = 1) {
        self.subsetCount = subsetCount
        self.subsetSize = subsetSize
        self.degree = degree
        self.gamma = gamma
        self.coefficient0 = coefficient0
    }

    /// One subset: row indices into the real set and into the fake set, of equal length.
    public struct Subset: Sendable, Equatable {
        /// Row indices into the real set.
        public var real: [Int]
        /// Row indices into the fake set.
        public var fake: [Int]

        /// Creates a subset from explicit index lists.
        public init(real: [Int], fake: [Int]) {
            self.real = real
            self.fake = fake
        }
    }

    /// The mean and population standard deviation of the per-subset MMD^2 estimates.
    public struct Result: Sendable, Equatable {
        /// Mean over subsets.
        public var mean: Double
        /// Population standard deviation over subsets (`np.std`).
        public var standardDeviation: Double
    }

    /// Computes KID on subsets drawn from a seeded SplitMix64 stream (real subset first, then fake, per subset).
    ///
    /// - Throws: `FeatureMetricsError` for empty or mismatched sets, fewer than 2 samples, bad parameters.
    public func compute(real: FeatureSet, fake: FeatureSet, seed: UInt64 = 0) throws -> Result {
        try FeatureMetricsError.checkSameWidth(real: real, fake: fake)
        try validateParameters()
        let size = min(subsetSize, real.rows, fake.rows)
        try FeatureMetricsError.checkSampleCount(real, role: "real", required: 2, metric: "KID (unbiased MMD)")
        try FeatureMetricsError.checkSampleCount(fake, role: "fake", required: 2, metric: "KID (unbiased MMD)")
        var sampler = SeededSubsetSampler(seed: seed)
        var subsets: [Subset] = []
        for _ in 0..<subsetCount {
            let realIndices = sampler.subset(of: real.rows, count: size)
            let fakeIndices = sampler.subset(of: fake.rows, count: size)
            subsets.append(Subset(real: realIndices, fake: fakeIndices))
        }
        return try compute(real: real, fake: fake, subsets: subsets)
    }

    /// Computes KID on explicit subsets (for parity with a reference run); `subsetCount`/`subsetSize` are ignored.
    ///
    /// - Throws: `FeatureMetricsError` for mismatched sets, no subsets, subsets of unequal length or
    ///   fewer than 2 indices, or indices out of range.
    public func compute(real: FeatureSet, fake: FeatureSet, subsets: [Subset]) throws -> Result {
        try FeatureMetricsError.checkSameWidth(real: real, fake: fake)
        guard !subsets.isEmpty else {
            throw FeatureMetricsError.invalidParameter(name: "subsets", value: "[]", requirement: "need at least one subset")
        }
        var estimates: [Double] = []
        estimates.reserveCapacity(subsets.count)
        for (number, subset) in subsets.enumerated() {
            guard subset.real.count == subset.fake.count, subset.real.count >= 2 else {
                throw FeatureMetricsError.invalidParameter(
                    name: "subsets[\(number)]", value: "\(subset.real.count) real / \(subset.fake.count) fake indices",
                    requirement: "real and fake index lists must have the same length, at least 2")
            }
            for (indices, set, role) in [(subset.real, real, "real"), (subset.fake, fake, "fake")] {
                if let bad = indices.first(where: { $0 < 0 || $0 >= set.rows }) {
                    throw FeatureMetricsError.invalidParameter(
                        name: "subsets[\(number)].\(role)", value: "\(bad)", requirement: "indices must lie in 0..<\(set.rows)")
                }
            }
            estimates.append(unbiasedSquaredMMD(real.selectingRows(subset.real), fake.selectingRows(subset.fake)))
        }
        let mean = estimates.reduce(0, +) / Double(estimates.count)
        let variance = estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(estimates.count)
        return Result(mean: mean, standardDeviation: variance.squareRoot())
    }

    /// Throws unless the configuration is usable.
    func validateParameters() throws {
        guard subsetCount >= 1 else {
            throw FeatureMetricsError.invalidParameter(name: "KID subsetCount", value: "\(subsetCount)", requirement: "must be at least 1")
        }
        guard subsetSize >= 2 else {
            throw FeatureMetricsError.invalidParameter(name: "KID subsetSize", value: "\(subsetSize)", requirement: "must be at least 2")
        }
        guard degree >= 1 else {
            throw FeatureMetricsError.invalidParameter(name: "KID degree", value: "\(degree)", requirement: "must be at least 1")
        }
    }

    /// Returns the unbiased MMD^2 estimate between two equal-size samples `x` and `y` (m rows each).
    func unbiasedSquaredMMD(_ x: FeatureSet, _ y: FeatureSet) -> Double {
        let m = x.rows
        let width = x.columns
        let scale = gamma ?? 1.0 / Double(width)
        var gram = [Double](repeating: 0, count: m * m)

        /// Sum of the kernel over the strict upper triangle of a `syrk` Gram matrix.
        func offDiagonalKernelSum(_ sample: FeatureSet) -> Double {
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(m), Int32(width),
                        1.0, sample.values, Int32(width), 0.0, &gram, Int32(m))
            var sum = 0.0
            for row in 0..<m {
                for column in (row + 1)..<m {
                    sum += kernel(gram[row * m + column], scale: scale)
                }
            }
            return 2 * sum
        }

        let withinX = offDiagonalKernelSum(x)
        let withinY = offDiagonalKernelSum(y)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(m), Int32(width),
                    1.0, x.values, Int32(width), y.values, Int32(width), 0.0, &gram, Int32(m))
        var across = 0.0
        for value in gram {
            across += kernel(value, scale: scale)
        }
        let count = Double(m)
        return (withinX + withinY) / (count * (count - 1)) - 2 * across / (count * count)
    }

    /// The polynomial kernel of a dot product: `(gamma g + coef0)^degree`.
    @inline(__always)
    func kernel(_ dotProduct: Double, scale: Double) -> Double {
        let base = dotProduct * scale + coefficient0
        var power = base
        for _ in 1..<degree { power *= base }
        return power
    }
}
