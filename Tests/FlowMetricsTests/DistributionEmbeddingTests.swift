import XCTest
@testable import FlowMetrics

/// CLIPScore (both conventions) and caption similarity.
final class DistributionEmbeddingTests: XCTestCase {
    func testKnownAnswers() throws {
        // Pairs with cosines 24/25 ((3,4) vs (4,3)), -1 ((1,0) vs (-2,0)) and 0 ((0,1) vs (5,0)).
        let images = try FeatureSet(rows: 3, columns: 2, values: [3, 4, 1, 0, 0, 1])
        let texts = try FeatureSet(rows: 3, columns: 2, values: [4, 3, -2, 0, 5, 0])
        let score = try CLIPScore(images: images, texts: texts)
        XCTAssertEqual(score.hessel, 2.5 * 0.96 / 3, accuracy: 1e-15)
        XCTAssertEqual(score.torchmetrics, 0, "mean of 100 cos is -1.33, clamped to 0")
        XCTAssertEqual(score.entries.map(\.name), ["clipscore_hessel", "clipscore_torchmetrics"])

        let similarity = try CaptionSimilarity(generated: images, references: texts)
        let mean = (0.96 - 1 + 0) / 3
        XCTAssertEqual(similarity.mean, mean, accuracy: 1e-15)
        let variance = ((0.96 - mean) * (0.96 - mean) + (-1 - mean) * (-1 - mean) + mean * mean) / 3
        XCTAssertEqual(similarity.standardDeviation, variance.squareRoot(), accuracy: 1e-15)
    }

    func testPositiveTorchmetricsMeanIsNotClamped() throws {
        let images = try FeatureSet(rows: 2, columns: 2, values: [1, 0, 0, 1])
        let texts = try FeatureSet(rows: 2, columns: 2, values: [1, 0, 1, 1])
        let score = try CLIPScore(images: images, texts: texts)
        XCTAssertEqual(score.torchmetrics, 100 * (1 + 0.5.squareRoot()) / 2, accuracy: 1e-12)
    }

    func testMatchesFixture() throws {
        let fixture = try DistributionFixture.load().embeddings
        let images = try DistributionFixture.features("clip_images.npy")
        let texts = try DistributionFixture.features("clip_texts.npy")
        let score = try CLIPScore(images: images, texts: texts)
        assertRelativelyClose(score.hessel, fixture.clipscoreHessel, tolerance: 1e-12, "Hessel")
        assertRelativelyClose(score.torchmetrics, fixture.clipscoreTorchmetrics, tolerance: 1e-12, "torchmetrics")
        let similarity = try CaptionSimilarity(generated: images, references: texts)
        assertRelativelyClose(similarity.mean, fixture.captionSimilarityMean, tolerance: 1e-12, "caption mean")
        assertRelativelyClose(similarity.standardDeviation, fixture.captionSimilarityStd, tolerance: 1e-12, "caption std")
    }

    func testRejectsUnpairedOrZeroEmbeddings() throws {
        let two = try FeatureSet(rows: 2, columns: 2, values: [1, 0, 0, 1])
        let three = try FeatureSet(rows: 3, columns: 2, values: [1, 0, 0, 1, 1, 1])
        XCTAssertThrowsError(try CLIPScore(images: two, texts: three)) { error in
            XCTAssertEqual("\(error)", "paired feature sets have different sample counts: image has 2, text has 3")
        }
        let zero = try FeatureSet(rows: 2, columns: 2, values: [1, 0, 0, 0])
        XCTAssertThrowsError(try CaptionSimilarity(generated: two, references: zero)) { error in
            XCTAssertEqual("\(error)", "invalid reference caption embedding row 1 = all zeros: a cosine needs a non-zero vector")
        }
    }
}
