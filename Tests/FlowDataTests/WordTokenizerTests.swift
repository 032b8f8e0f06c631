import FlowData
import XCTest

/// The word-level tokenizer: fixed special ids, the closed shapes vocabulary, corpus vocabularies, fixed-length round trips.
final class WordTokenizerTests: XCTestCase {
    func testShapesVocabularyCoversEveryGeneratedCaptionAndRoundTrips() throws {
        let tokenizer = WordTokenizer.shapes
        XCTAssertEqual(Array(tokenizer.tokens.prefix(3)), ["<pad>", "<unk>", "<mask>"])
        XCTAssertEqual([tokenizer.paddingID, tokenizer.unknownID, tokenizer.maskID], [0, 1, 2])
        XCTAssertEqual(tokenizer.vocabularySize, 39, "36 words of the grammar and 3 special tokens")
        let generator = ShapesGenerator(configuration: try ShapesConfiguration(imageSize: 16, objectCounts: [1, 2], seed: 1), split: .train)
        var longest = 0
        for index in 0..<100 {
            for caption in generator.example(at: index).captions {
                let ids = tokenizer.encode(caption)
                XCTAssertFalse(ids.contains(tokenizer.unknownID), caption)
                longest = max(longest, ids.count)
                XCTAssertEqual(tokenizer.decode(tokenizer.encode(caption, length: 40)), caption)
            }
        }
        XCTAssertLessThanOrEqual(longest, 40)
    }

    func testFixedLengthPadsAndTruncates() throws {
        let tokenizer = try WordTokenizer(words: ["a", "red", "circle", ","])
        XCTAssertEqual(tokenizer.encode("A red, circle", length: 6), [3, 4, 6, 5, 0, 0])
        XCTAssertEqual(tokenizer.encode("A red, circle", length: 2), [3, 4])
        XCTAssertEqual(tokenizer.encode("a blue circle"), [3, 1, 5])
        XCTAssertEqual(tokenizer.decode([3, 4, 6, 5, 0, 0]), "a red, circle")
        XCTAssertEqual(tokenizer.decode([3, 2, 99]), "a <mask> <unk>")
        XCTAssertEqual(tokenizer.encodeBatch(["a", "red circle"], length: 3), [3, 0, 0, 4, 5, 0])
    }

    func testCorpusVocabularyKeepsFrequentWordsUpToTheMaximum() throws {
        let corpus = ["A dog runs.", "a dog sleeps", "a cat runs", "the dog"]
        let tokenizer = try WordTokenizer(corpus: corpus, minimumCount: 2)
        XCTAssertEqual(tokenizer.tokens, ["<pad>", "<unk>", "<mask>", "a", "dog", "runs"])
        let capped = try WordTokenizer(corpus: corpus, minimumCount: 1, maximumSize: 5)
        XCTAssertEqual(capped.tokens, ["<pad>", "<unk>", "<mask>", "a", "dog"])
        XCTAssertEqual(tokenizer.encode("the dog runs"), [1, 4, 5])
        XCTAssertThrowsError(try WordTokenizer(corpus: corpus, maximumSize: 3))
        XCTAssertThrowsError(try WordTokenizer(corpus: corpus, minimumCount: 0))
    }

    func testVocabularyFileRoundTripAndErrorsNameTheLine() throws {
        let tokenizer = WordTokenizer.shapes
        XCTAssertEqual(try WordTokenizer(vocabularyText: tokenizer.vocabularyText), tokenizer)
        XCTAssertThrowsError(try WordTokenizer(vocabularyText: "<pad>\n<unk>\n<mask>\nred\nblue\nred\n", source: "vocab.txt")) { error in
            XCTAssertEqual("\(error)", "vocab.txt line 6: vocabulary word 'red' appears twice (or is a special token)")
        }
        XCTAssertThrowsError(try WordTokenizer(vocabularyText: "red\n", source: "vocab.txt")) { error in
            XCTAssertTrue("\(error)".hasPrefix("vocab.txt line 1:"), "\(error)")
        }
    }
}
