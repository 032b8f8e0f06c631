import XCTest
@testable import FlowMetrics

/// KID against torch-fidelity, using the subset indices its seeded RandomState drew.
final class KIDParityTests: XCTestCase {
    func testMatchesTorchFidelityWithItsSubsets() throws {
        let fixture = try DistributionFixture.load()
        for name in DistributionFixture.caseNames {
            let reference = fixture.cases[name]!.kid
            let (real, fake) = try DistributionFixture.sets(name)
            let subsets = reference.subsets.map { KernelInceptionDistance.Subset(real: $0.real, fake: $0.fake) }
            let result = try KernelInceptionDistance().compute(real: real, fake: fake, subsets: subsets)
            assertRelativelyClose(result.mean, reference.mean, tolerance: 1e-6, "KID mean \(name)")
            assertRelativelyClose(result.standardDeviation, reference.std, tolerance: 1e-6, "KID std \(name)")
        }
    }

    func testSeededSubsetsAreDeterministicAndDistinct() throws {
        let (real, fake) = try DistributionFixture.sets("gaussian_small")
        let kid = KernelInceptionDistance(subsetCount: 5, subsetSize: 40)
        let first = try kid.compute(real: real, fake: fake, seed: 7)
        XCTAssertEqual(first, try kid.compute(real: real, fake: fake, seed: 7))
        XCTAssertNotEqual(first, try kid.compute(real: real, fake: fake, seed: 8))
        var sampler = SeededSubsetSampler(seed: 3)
        let subset = sampler.subset(of: 10, count: 10)
        XCTAssertEqual(subset.sorted(), Array(0..<10))
    }

    func testSubsetSizeIsCappedBySmallerSet() throws {
        // With the whole set in every subset, every subset gives the same MMD: std 0.
        let (real, fake) = try DistributionFixture.sets("gaussian_small")
        let result = try KernelInceptionDistance(subsetCount: 3).compute(real: real, fake: fake, seed: 1)
        XCTAssertEqual(result.standardDeviation, 0, accuracy: 1e-12)
    }

    func testRejectsBadSubsets() throws {
        let (real, fake) = try DistributionFixture.sets("gaussian_small")
        let kid = KernelInceptionDistance()
        XCTAssertThrowsError(try kid.compute(real: real, fake: fake, subsets: [.init(real: [0, 1], fake: [0])]))
        XCTAssertThrowsError(try kid.compute(real: real, fake: fake, subsets: [.init(real: [0, 500], fake: [0, 1])])) { error in
            XCTAssertEqual("\(error)", "invalid subsets[0].real = 500: indices must lie in 0..<200")
        }
    }
}
