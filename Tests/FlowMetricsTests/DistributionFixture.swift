import Foundation
import XCTest
@testable import FlowMetrics

/// The reference values written by `Scripts/fixtures/distributions_make_fixture.py`.
struct DistributionFixture: Decodable {
    struct PrecisionRecallValues: Decodable, Equatable {
        let precision: Double
        let recall: Double
    }

    struct DensityCoverageValues: Decodable, Equatable {
        let density: Double
        let coverage: Double
    }

    struct KIDValues: Decodable {
        struct Subset: Decodable {
            let real: [Int]
            let fake: [Int]
        }

        let mean: Double
        let std: Double
        let subsetSize: Int
        let seed: Int
        let subsets: [Subset]
    }

    struct Case: Decodable {
        let realShape: [Int]
        let fakeShape: [Int]
        let fid: Double
        let kid: KIDValues
        let precisionRecallClosedK3: PrecisionRecallValues
        let precisionRecallOpenK3: PrecisionRecallValues
        let densityCoverageK5: DensityCoverageValues
    }

    struct Embeddings: Decodable {
        let clipscoreHessel: Double
        let clipscoreTorchmetrics: Double
        let captionSimilarityMean: Double
        let captionSimilarityStd: Double
    }

    struct NpyArray: Decodable {
        let shape: [Int]
        let values: [Double]
    }

    let cases: [String: Case]
    let rankDeficientOffsetFid: Double
    let embeddings: Embeddings
    let npyReader: [String: NpyArray]

    /// The fixture folder, found relative to this file.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/distributions")

    /// The case names, in a fixed order.
    static let caseNames = ["gaussian_small", "different_covariances", "rank_deficient", "identical", "duplicates"]

    /// Loads `distributions.json`.
    static func load() throws -> DistributionFixture {
        let data = try Data(contentsOf: directory.appendingPathComponent("distributions.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(DistributionFixture.self, from: data)
    }

    /// Loads a fixture `.npy` file as a feature set.
    static func features(_ name: String) throws -> FeatureSet {
        try NumpyArrayFile.readFeatureSet(at: directory.appendingPathComponent(name))
    }

    /// Loads the real and fake sets of a case.
    static func sets(_ name: String) throws -> (real: FeatureSet, fake: FeatureSet) {
        (try features("\(name)_real.npy"), try features("\(name)_fake.npy"))
    }
}

/// Asserts `|actual - expected| <= tolerance * max(|expected|, floor)`.
func assertRelativelyClose(
    _ actual: Double, _ expected: Double, tolerance: Double, floor: Double = 1e-300,
    _ message: String, file: StaticString = #filePath, line: UInt = #line
) {
    let error = abs(actual - expected) / max(abs(expected), floor)
    XCTAssertLessThanOrEqual(error, tolerance, "\(message): \(actual) vs \(expected) (relative error \(error))", file: file, line: line)
}
