import XCTest
@testable import FlowMetrics

/// BLEU, ROUGE-L and CIDEr-D against pycocoevalcap on the fixture's tokenized captions.
final class CaptionScorerTests: XCTestCase {
    let tolerance = 1e-9

    func fixture() throws -> (CaptionFixtures.Scores, [String], [[String]]) {
        let scores = try CaptionFixtures.scores()
        return (scores, scores.images.map(\.candidate_tokenized), scores.images.map(\.references_tokenized))
    }

    func assertMatches(_ ours: CaptionScores, key: String, _ fixture: CaptionFixtures.Scores,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try XCTUnwrap(fixture.corpus[key], key, file: file, line: line)
        XCTAssertEqual(ours.corpus, expected, accuracy: tolerance, "\(key) corpus", file: file, line: line)
        XCTAssertEqual(ours.perImage.count, fixture.per_image.count, file: file, line: line)
        var worst = 0.0
        for (value, image) in zip(ours.perImage, fixture.per_image) {
            worst = max(worst, abs(value - (image[key] ?? .nan)))
        }
        XCTAssertLessThanOrEqual(worst, tolerance, "\(key) per-image worst difference", file: file, line: line)
    }

    func testBLEUMatchesPycocoevalcap() throws {
        let (fixture, candidates, references) = try fixture()
        let bleu = BLEUScorer().score(candidates: candidates, references: references)
        XCTAssertEqual(bleu.count, 4)
        for (order, scores) in bleu.enumerated() {
            try assertMatches(scores, key: "Bleu_\(order + 1)", fixture)
        }
    }

    func testROUGELMatchesPycocoevalcap() throws {
        let (fixture, candidates, references) = try fixture()
        try assertMatches(ROUGELScorer().score(candidates: candidates, references: references), key: "ROUGE_L", fixture)
    }

    func testCIDErDMatchesPycocoevalcap() throws {
        let (fixture, candidates, references) = try fixture()
        try assertMatches(CIDErDScorer().score(candidates: candidates, references: references), key: "CIDEr", fixture)
    }

    func testSingleImageCIDErIsZero() {
        let scores = CIDErDScorer().score(candidates: ["a dog runs"], references: [["a dog runs", "a dog"]])
        XCTAssertEqual(scores.corpus, 0)
    }

    func testEmptyCandidateAgainstEmptyReferenceIsPerfectROUGE() {
        // pycocoevalcap splits on " ", so "" is one empty word that matches an empty reference.
        let scores = ROUGELScorer().score(candidates: [""], references: [["", "a b"]])
        XCTAssertEqual(scores.perImage, [1.0])
    }
}
