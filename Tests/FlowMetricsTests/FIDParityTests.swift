import XCTest
@testable import FlowMetrics

/// FID against pytorch-fid + scipy on the fixture sets.
final class FIDParityTests: XCTestCase {
    func testMatchesPytorchFidOnEveryCase() throws {
        let fixture = try DistributionFixture.load()
        for name in DistributionFixture.caseNames where name != "identical" {
            let (real, fake) = try DistributionFixture.sets(name)
            let fid = try FrechetDistance.distance(real: real, fake: fake)
            assertRelativelyClose(fid, fixture.cases[name]!.fid, tolerance: 1e-6, "FID \(name)")
        }
    }

    func testIdenticalSetsGiveZero() throws {
        let fixture = try DistributionFixture.load()
        let (real, fake) = try DistributionFixture.sets("identical")
        let fid = try FrechetDistance.distance(real: real, fake: fake)
        // The reference is ~1e-14 of rounding; compare on the scale of the traces (tr S ~ d = 8).
        XCTAssertEqual(fid, fixture.cases["identical"]!.fid, accuracy: 1e-9)
    }

    func testRankDeficientCovarianceIsSingularAndStillMatches() throws {
        let fixture = try DistributionFixture.load()
        let (real, fake) = try DistributionFixture.sets("rank_deficient")
        let statistics = try GaussianStatistics(features: real)
        let eigenvalues = try SymmetricEigenSolver.decompose(statistics.covariance, size: 64, computeVectors: false).values
        // n = 50 < d = 64: at least 15 eigenvalues are zero up to rounding.
        XCTAssertGreaterThanOrEqual(eigenvalues.filter { abs($0) < 1e-12 }.count, 15)
        let fid = try FrechetDistance.distance(real: real, fake: fake)
        assertRelativelyClose(fid, fixture.cases["rank_deficient"]!.fid, tolerance: 1e-6, "rank-deficient FID")
    }

    func testRankDeficientUsesEigenRouteAndFullRankRoutesAgree() throws {
        let (deficientReal, deficientFake) = try DistributionFixture.sets("rank_deficient")
        let deficient1 = try GaussianStatistics(features: deficientReal)
        let deficient2 = try GaussianStatistics(features: deficientFake)
        XCTAssertNil(try FrechetDistance.choleskyTrace(deficient1.covariance, deficient2.covariance, size: 64),
                     "a singular S1 must fall back to the eigen route")
        let (real, fake) = try DistributionFixture.sets("different_covariances")
        let first = try GaussianStatistics(features: real)
        let second = try GaussianStatistics(features: fake)
        let cholesky = try XCTUnwrap(try FrechetDistance.choleskyTrace(first.covariance, second.covariance, size: 32))
        let eigen = try FrechetDistance.eigenTrace(first.covariance, second.covariance, size: 32)
        assertRelativelyClose(cholesky, eigen, tolerance: 1e-12, "Cholesky vs eigen route")
    }

    func testSingularOffsetPathMatchesPytorchFidFallback() throws {
        let fixture = try DistributionFixture.load()
        let (real, fake) = try DistributionFixture.sets("rank_deficient")
        let first = try GaussianStatistics(features: real)
        let second = try GaussianStatistics(features: fake)
        let trace = try FrechetDistance.traceOfSquareRootProduct(first, second, diagonalOffset: FrechetDistance.singularOffset)
        let fid = FrechetDistance.combine(first, second, traceOfSquareRoot: trace)
        assertRelativelyClose(fid, fixture.rankDeficientOffsetFid, tolerance: 1e-6, "FID with 1e-6 diagonal offset")
        XCTAssertNotEqual(fid, fixture.cases["rank_deficient"]!.fid, "the offset must change the value")
    }

    func testCovarianceUsesNMinusOne() throws {
        // Two samples (0, 0) and (2, 4): mean (1, 2), covariance [[2, 4], [4, 8]] with N - 1 = 1.
        let set = try FeatureSet(rows: 2, columns: 2, values: [0, 0, 2, 4])
        let statistics = try GaussianStatistics(features: set)
        XCTAssertEqual(statistics.mean, [1, 2])
        XCTAssertEqual(statistics.covariance, [2, 4, 4, 8])
    }

    func testKnownAnswerForDiagonalGaussians() throws {
        // Diagonal covariances: FID = |mu1 - mu2|^2 + sum (sqrt(a_i) - sqrt(b_i))^2.
        let first = try GaussianStatistics(mean: [0, 0], covariance: [4, 0, 0, 9])
        let second = try GaussianStatistics(mean: [1, 1], covariance: [1, 0, 0, 1])
        XCTAssertEqual(try FrechetDistance.distance(first, second), 2 + 1 + 4, accuracy: 1e-12)
    }

    func testRejectsDifferentWidthsAndSingleSamples() throws {
        let wide = try FeatureSet(rows: 3, columns: 4, values: Array(repeating: 1, count: 12))
        let narrow = try FeatureSet(rows: 3, columns: 3, values: Array(repeating: 1, count: 9))
        XCTAssertThrowsError(try FrechetDistance.distance(real: wide, fake: narrow)) { error in
            XCTAssertEqual("\(error)", "feature sets have different widths: real has 4 features per sample, fake has 3")
        }
        let single = try FeatureSet(rows: 1, columns: 4, values: [1, 2, 3, 4])
        XCTAssertThrowsError(try FrechetDistance.distance(real: wide, fake: single)) { error in
            XCTAssertEqual("\(error)", "the fake feature set has 1 samples; a covariance with N - 1 needs at least 2")
        }
    }
}
