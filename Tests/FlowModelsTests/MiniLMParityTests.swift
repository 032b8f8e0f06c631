import Foundation
import FlowData
import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// all-MiniLM-L6-v2 in Swift against the same wheel's model run by transformers (Scripts/fixtures/minilm_make_fixture.py).
final class MiniLMParityTests: XCTestCase {
    private struct Case: Decodable {
        let text: String
        let ids: [Int]
        let model_ids: [Int]
    }

    private struct Sentences: Decodable {
        let max_seq_length: Int
        let cases: [Case]
    }

    private static let sharedEncoder: Result<SentenceEncoder, Error>? = {
        guard PretrainedWeights.miniLM.isPresent() else { return nil }
        return Result { try SentenceEncoder.miniLM() }
    }()

    private func encoder() throws -> SentenceEncoder {
        try ModelFixtures.requireWeights(.miniLM)
        return try XCTUnwrap(Self.sharedEncoder).get()
    }

    private func sentences() throws -> Sentences {
        try JSONDecoder().decode(Sentences.self, from: Data(contentsOf: ModelFixtures.url("minilm/sentences.json")))
    }

    func testTokenIDsEqualTransformersOnEverySentence() throws {
        let encoder = try encoder()
        let fixture = try sentences()
        XCTAssertGreaterThanOrEqual(fixture.cases.count, 50)
        XCTAssertTrue(fixture.cases.contains { $0.ids.count > 256 }, "some sentence is longer than 256 tokens")
        for item in fixture.cases {
            XCTAssertEqual(encoder.tokenizer.encode(item.text, maximumLength: 100_000), item.ids, "full ids of \(item.text.debugDescription)")
            XCTAssertEqual(encoder.ids(item.text), item.model_ids, "truncated ids of \(item.text.debugDescription)")
        }
    }

    func testEmbeddingsMatchTransformersWithin1e4() throws {
        let encoder = try encoder()
        let fixture = try sentences()
        let expected = try ModelFixtures.tensor("minilm/embeddings.h5", "/embeddings")
        let actual = encoder.embed(fixture.cases.map(\.text), batchSize: 16)
        XCTAssertEqual(actual.shape, [fixture.cases.count, 384])
        let difference = maximumAbsoluteDifference(actual, expected)
        XCTAssertLessThan(difference, 1e-4, "largest difference per component")
        let norms = (0..<actual.shape[0]).map { row in actual.floats[(row * 384)..<((row + 1) * 384)].reduce(0) { $0 + $1 * $1 } }
        for norm in norms { XCTAssertEqual(norm, 1, accuracy: 1e-5) }
    }

    func testASentenceEmbedsTheSameAloneAndInAPaddedBatch() throws {
        let encoder = try encoder()
        let texts = ["a red circle", "A man riding a wave on top of a surfboard, far out at sea on a windy day.", "",
                     "two dogs", "purple diamond, large, bottom right"]
        let batched = encoder.embed(texts, batchSize: texts.count)
        for (row, text) in texts.enumerated() {
            let alone = encoder.embed([text], batchSize: 1)
            let slice = Tensor(shape: [1, 384], scalars: Array(batched.floats[(row * 384)..<((row + 1) * 384)]))
            XCTAssertLessThan(maximumAbsoluteDifference(slice, alone), 1e-6, text)
        }
        // Unrelated captions are further apart than paraphrases.
        let pair = encoder.embed(["a small red circle in the top left", "top left: a small red circle", "a stock market report"])
        let rows = pair.floats
        func cosine(_ i: Int, _ j: Int) -> Float { (0..<384).reduce(0) { $0 + rows[i * 384 + $1] * rows[j * 384 + $1] } }
        XCTAssertGreaterThan(cosine(0, 1), cosine(0, 2) + 0.3)
    }

    func testCacheEmbedsEachDistinctCaptionOnce() throws {
        let encoder = try encoder()
        let before = encoder.cachedCount
        let first = encoder.cachedEmbeddings(["cache one", "cache two", "cache one"])
        XCTAssertEqual(encoder.cachedCount, before + 2)
        let again = encoder.cachedEmbeddings(["cache two"])
        XCTAssertEqual(encoder.cachedCount, before + 2)
        XCTAssertEqual(Array(first.floats[384..<768]), again.floats)
        XCTAssertEqual(Array(first.floats[0..<384]), Array(first.floats[768..<1152]))
        XCTAssertEqual(encoder.tokenStates("a red circle").shape, [5, 384])
    }
}
