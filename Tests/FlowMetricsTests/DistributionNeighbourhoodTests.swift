import XCTest
@testable import FlowMetrics

/// Precision/recall and density/coverage against prdc and the NVlabs logic, exactly.
final class DistributionNeighbourhoodTests: XCTestCase {
    func testMatchReferencesExactly() throws {
        let fixture = try DistributionFixture.load()
        for name in DistributionFixture.caseNames {
            let reference = fixture.cases[name]!
            let (real, fake) = try DistributionFixture.sets(name)
            let closed = try PrecisionRecall().compute(real: real, fake: fake)
            XCTAssertEqual(closed.precision, reference.precisionRecallClosedK3.precision, "closed precision \(name)")
            XCTAssertEqual(closed.recall, reference.precisionRecallClosedK3.recall, "closed recall \(name)")
            let open = try PrecisionRecall(boundary: .open).compute(real: real, fake: fake)
            XCTAssertEqual(open.precision, reference.precisionRecallOpenK3.precision, "prdc precision \(name)")
            XCTAssertEqual(open.recall, reference.precisionRecallOpenK3.recall, "prdc recall \(name)")
            let densityCoverage = try DensityCoverage().compute(real: real, fake: fake)
            XCTAssertEqual(densityCoverage.density, reference.densityCoverageK5.density, "density \(name)")
            XCTAssertEqual(densityCoverage.coverage, reference.densityCoverageK5.coverage, "coverage \(name)")
        }
    }

    func testBlockingDoesNotChangeResults() throws {
        // Blocks of 7 split every set unevenly; the radii must equal those from one block.
        let (real, _) = try DistributionFixture.sets("duplicates")
        var blocked: [Double] = []
        EuclideanDistanceBlocks(query: real, reference: real, sameSet: true, blockSize: 7).forEachBlock { block in
            if block.rowStart == 0 { for column in 0..<block.columnCount { blocked.append(block.distance(0, column)) } }
        }
        var whole: [Double] = []
        EuclideanDistanceBlocks(query: real, reference: real, sameSet: true).forEachBlock { block in
            for column in 0..<block.columnCount { whole.append(block.distance(0, column)) }
        }
        XCTAssertEqual(blocked, whole)
    }

    func testExactDuplicatesAreAtDistanceZero() throws {
        // 0.1 and 0.7 are not dyadic: the GEMM formula leaves a residue, the direct refinement does not.
        let row: [Double] = [0.1, 0.7, 1e3, -3.3]
        let first = try FeatureSet(rows: 1, columns: 4, values: row)
        let second = try FeatureSet(rows: 2, columns: 4, values: row + [0, 0, 0, 0])
        var distances: [Double] = []
        EuclideanDistanceBlocks(query: first, reference: second, sameSet: false).forEachBlock { block in
            distances.append(block.distance(0, 0))
        }
        XCTAssertEqual(distances, [0])
    }

    func testRadiusIsKthNeighbourExcludingSelf() throws {
        // Points on a line at 0, 1, 3, 6, 10: the 2nd-nearest-neighbour radius of 0 is 3.
        let set = try FeatureSet(rows: 5, columns: 1, values: [0, 1, 3, 6, 10])
        let radii = NearestNeighbourRadii.compute(set, neighbourCounts: [1, 2])
        XCTAssertEqual(radii[0], [1, 1, 2, 3, 4])
        XCTAssertEqual(radii[1], [3, 2, 3, 4, 7])
    }

    func testRequiresKPlusOneSamples() throws {
        let small = try FeatureSet(rows: 5, columns: 2, values: Array(repeating: 0.5, count: 10))
        let large = try FeatureSet(rows: 10, columns: 2, values: (0..<20).map(Double.init))
        XCTAssertThrowsError(try DensityCoverage().compute(real: small, fake: large)) { error in
            XCTAssertEqual("\(error)", "the real feature set has 5 samples; density/coverage (k = 5) needs at least 6")
        }
        XCTAssertThrowsError(try PrecisionRecall().compute(real: large, fake: try FeatureSet(rows: 3, columns: 2, values: [0, 0, 1, 1, 2, 2]))) { error in
            XCTAssertEqual("\(error)", "the fake feature set has 3 samples; precision/recall (k = 3) needs at least 4")
        }
    }
}
