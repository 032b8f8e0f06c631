import CBLAS
import CLAPACK

/// The Fréchet distance between Gaussians fitted to two feature sets (FID on Inception features).
///
/// `FID = |mu1 - mu2|^2 + tr S1 + tr S2 - 2 tr sqrtm(S1 S2)`, in Float64, covariances with `N - 1`
/// (pytorch-fid's `calculate_frechet_distance`). Instead of scipy's general `sqrtm` of the
/// non-symmetric product, the trace term is the sum of the square roots of the eigenvalues of a
/// symmetric positive semi-definite matrix similar to `S1 S2` (eigenvalues that rounding pushes below
/// zero are clamped to zero), computed by LAPACK in one of two ways:
///
/// - Cholesky route (used whenever `S1` is positive definite, the normal case with more samples than
///   features): `S1 = L L^T` (`dpotrf`), eigenvalues of `L^T S2 L` (`dtrmm` twice, `dsyevd` values only);
///   `L^T S2 L` is similar to `S2 L L^T = S2 S1`, which has the eigenvalues of `S1 S2`.
/// - Eigen route (when `dpotrf` finds `S1` singular, e.g. fewer samples than features):
///   `S2 = V diag(l) V^T` (`dsyevd`), `A = S2^(1/2)`, eigenvalues of `A S1 A = V D (V^T S1 V) D V^T`
///   with `D = diag(sqrt(max(l, 0)))`. `S1 S2 = (S1 A) A` and `A (S1 A)` share their non-zero eigenvalues
///   (`XY` and `YX` always do), so no invertibility is needed: for rank-deficient covariances the zero
///   eigenvalues contribute nothing and the result is the trace of the principal square root, where scipy's
///   Schur-based `sqrtm` of the singular product is merely close (the n = 50, d = 64 fixture agrees with
///   pytorch-fid + scipy to about 1e-8 relative).
///
/// As in pytorch-fid, when the trace term is not finite (or LAPACK fails to converge) the computation is
/// repeated with `1e-6` added to both covariance diagonals; the traces `tr S1 + tr S2` stay un-offset.
public enum FrechetDistance {
    /// The diagonal offset pytorch-fid adds when the square root of the product is not finite.
    public static let singularOffset = 1e-6

    /// Returns the FID between two feature sets of the same width (each with at least 2 samples).
    ///
    /// - Throws: `FeatureMetricsError` for empty sets, sets of different widths or fewer than 2 samples.
    public static func distance(real: FeatureSet, fake: FeatureSet) throws -> Double {
        try FeatureMetricsError.checkSameWidth(real: real, fake: fake)
        let realStatistics = try GaussianStatistics(features: real, role: "real")
        let fakeStatistics = try GaussianStatistics(features: fake, role: "fake")
        return try distance(realStatistics, fakeStatistics)
    }

    /// Returns the Fréchet distance between two Gaussians given by their statistics.
    ///
    /// - Throws: `FeatureMetricsError.widthMismatch` when the dimensions differ.
    public static func distance(_ first: GaussianStatistics, _ second: GaussianStatistics) throws -> Double {
        guard first.dimension == second.dimension else {
            throw FeatureMetricsError.widthMismatch(
                firstRole: "real", firstWidth: first.dimension, secondRole: "fake", secondWidth: second.dimension)
        }
        let traceTerm: Double
        if let exact = try? traceOfSquareRootProduct(first, second, diagonalOffset: 0), exact.isFinite {
            traceTerm = exact
        } else {
            traceTerm = try traceOfSquareRootProduct(first, second, diagonalOffset: singularOffset)
        }
        return combine(first, second, traceOfSquareRoot: traceTerm)
    }

    /// Returns `|mu1 - mu2|^2 + tr S1 + tr S2 - 2 traceOfSquareRoot`.
    static func combine(_ first: GaussianStatistics, _ second: GaussianStatistics, traceOfSquareRoot: Double) -> Double {
        let n = first.dimension
        var meanTerm = 0.0
        var traces = 0.0
        for i in 0..<n {
            let difference = first.mean[i] - second.mean[i]
            meanTerm += difference * difference
            traces += first.covariance[i * n + i] + second.covariance[i * n + i]
        }
        return meanTerm + traces - 2 * traceOfSquareRoot
    }

    /// Returns `tr sqrtm((S1 + offset I)(S2 + offset I))`: the Cholesky route when `S1 + offset I` is
    /// positive definite, the eigen route otherwise (see the type's documentation).
    static func traceOfSquareRootProduct(
        _ first: GaussianStatistics, _ second: GaussianStatistics, diagonalOffset: Double
    ) throws -> Double {
        let n = first.dimension
        var covariance1 = first.covariance
        var covariance2 = second.covariance
        if diagonalOffset != 0 {
            for i in 0..<n {
                covariance1[i * n + i] += diagonalOffset
                covariance2[i * n + i] += diagonalOffset
            }
        }
        if let trace = try choleskyTrace(covariance1, covariance2, size: n) {
            return trace
        }
        return try eigenTrace(covariance1, covariance2, size: n)
    }

    /// The Cholesky route: with `S1 = L L^T`, `tr sqrtm(S1 S2) = sum sqrt(eig(L^T S2 L))`; `nil` if `S1` is not
    /// positive definite. Cheaper than the eigen route (one Cholesky, two triangular products, eigenvalues only).
    static func choleskyTrace(_ covariance1: [Double], _ covariance2: [Double], size n: Int) throws -> Double? {
        var factor = covariance1
        let size = Int32(n)
        // Column-major lower triangle; the symmetric input reads the same in either layout.
        let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), size, &factor, size)
        guard info == 0 else {
            if info > 0 { return nil }  // not positive definite: singular covariance
            throw FeatureMetricsError.linearAlgebraFailure(routine: "dpotrf", info: info)
        }
        // M = L^T (S2 L), computed in place on a copy of S2.
        var product = covariance2
        cblas_dtrmm(CblasColMajor, CblasRight, CblasLower, CblasNoTrans, CblasNonUnit, size, size, 1.0,
                    factor, size, &product, size)
        cblas_dtrmm(CblasColMajor, CblasLeft, CblasLower, CblasTrans, CblasNonUnit, size, size, 1.0,
                    factor, size, &product, size)
        let (eigenvalues, _) = try SymmetricEigenSolver.decompose(product, size: n, computeVectors: false)
        return sumOfSquareRoots(eigenvalues)
    }

    /// Returns `sum sqrt(max(value, 0))`: eigenvalues that rounding pushed below zero count as zero.
    static func sumOfSquareRoots(_ eigenvalues: [Double]) -> Double {
        var trace = 0.0
        for value in eigenvalues where value > 0 {
            trace += value.squareRoot()
        }
        return trace
    }

    /// The eigen route, valid for singular covariances: `A = S2^(1/2)` by `dsyevd`, then the eigenvalues of
    /// `A S1 A`, computed as `D (V^T S1 V) D`.
    static func eigenTrace(_ covariance1: [Double], _ covariance2: [Double], size n: Int) throws -> Double {
        // S2 = V diag(l) V^T; V is column-major.
        let (eigenvalues, vectors) = try SymmetricEigenSolver.decompose(covariance2, size: n, computeVectors: true)
        let roots = eigenvalues.map { $0 > 0 ? $0.squareRoot() : 0 }

        // C = V^T S1 V (S1 is symmetric, so row-major == column-major).
        var product = [Double](repeating: 0, count: n * n)
        var rotated = [Double](repeating: 0, count: n * n)
        let size = Int32(n)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, size, size, size, 1.0,
                    covariance1, size, vectors, size, 0.0, &product, size)
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, size, size, size, 1.0,
                    vectors, size, product, size, 0.0, &rotated, size)
        // M = D C D with D = diag(sqrt(l)); only the lower triangle (column-major) is read by dsyevd.
        for column in 0..<n {
            for row in column..<n {
                rotated[row + column * n] *= roots[row] * roots[column]
            }
        }
        let (productEigenvalues, _) = try SymmetricEigenSolver.decompose(rotated, size: n, computeVectors: false)
        return sumOfSquareRoots(productEigenvalues)
    }
}
