import Foundation
import XCTest
@testable import FlowData

/// WordPiece against the `tokenizers` package and transformers' BertTokenizer (Scripts/fixtures/minilm_make_fixture.py).
final class WordPieceTests: XCTestCase {
    private struct Case: Decodable {
        let text: String
        let ids: [Int]
        let tokens: [String]
    }

    private struct Cases: Decodable { let cases: [Case] }

    private static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/wordpiece/\(name)")
    }

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("WordPieceTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testIDsEqualTheReferenceTokenizersOnEveryFixtureSentence() throws {
        let tokenizer = try WordPieceTokenizer(vocabularyFile: Self.fixture("vocab.txt"))
        let cases = try JSONDecoder().decode(Cases.self, from: Data(contentsOf: Self.fixture("cases.json"))).cases
        XCTAssertGreaterThanOrEqual(cases.count, 50)
        XCTAssertTrue(cases.contains { $0.ids.contains(tokenizer.unknownID) }, "some word becomes [UNK]")
        for item in cases {
            XCTAssertEqual(tokenizer.encode(item.text, maximumLength: 100_000), item.ids, item.text.debugDescription)
            XCTAssertEqual(["[CLS]"] + tokenizer.tokenize(item.text) + ["[SEP]"], item.tokens, item.text.debugDescription)
        }
    }

    func testBasicTokenizerRules() {
        let basic = BertBasicTokenizer()
        XCTAssertEqual(basic.words(in: " \tHéllo, WORLD!\n"), ["hello", ",", "world", "!"])
        XCTAssertEqual(basic.words(in: "中文text"), ["中", "文", "text"])
        XCTAssertEqual(basic.words(in: "a\u{0}b\u{7}c\u{fffd}d"), ["abcd"])
        XCTAssertEqual(basic.words(in: "x\u{a0}y"), ["x", "y"])
        XCTAssertEqual(basic.words(in: "don't"), ["don", "'", "t"])
        XCTAssertEqual(basic.words(in: ""), [])
    }

    func testGreedyLongestMatchUnknownWordsFixedLengthAndDecoding() throws {
        let vocabulary = try WordPieceVocabulary(tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "una",
                                                          "runn", "##ing", "!", "x", "##ff"])
        let tokenizer = WordPieceTokenizer(vocabulary: vocabulary, maximumCharactersPerWord: 10)
        XCTAssertEqual(tokenizer.tokenize("unaffable running!"), ["una", "##ff", "##able", "runn", "##ing", "!"])
        XCTAssertEqual(tokenizer.tokenize("unaffx"), ["[UNK]"], "a word with a part that has no piece is [UNK]")
        XCTAssertEqual(tokenizer.tokenize("xxxxxxxxxxx x"), ["[UNK]", "x"], "a word over the character limit is [UNK]")
        XCTAssertEqual(tokenizer.tokenize("x[SEP]x [cls]"), ["x", "[SEP]", "x", "[UNK]", "[UNK]", "[UNK]"],
                       "literal special tokens stay whole (case-sensitive)")
        XCTAssertEqual(tokenizer.encode("running", length: 6), [2, 8, 9, 3, 0, 0])
        XCTAssertEqual(tokenizer.encode("running running", length: 4), [2, 8, 9, 3], "truncated to the length")
        XCTAssertEqual(tokenizer.decode([2, 8, 9, 10, 3, 0]), "running !")
    }

    func testBadVocabulariesAreRejectedWithFileAndLine() throws {
        let duplicate = folder.appendingPathComponent("duplicate.txt")
        try "[PAD]\n[UNK]\n[CLS]\n[SEP]\nred\nred\n".write(to: duplicate, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try WordPieceVocabulary(contentsOf: duplicate)) { error in
            XCTAssertEqual(error as? WordPieceError, WordPieceError(file: duplicate.path, line: 6, "token 'red' repeats line 5"))
        }
        let noUnknown = folder.appendingPathComponent("no-unk.txt")
        try "[PAD]\n[CLS]\n[SEP]\n".write(to: noUnknown, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try WordPieceVocabulary(contentsOf: noUnknown)) { error in
            XCTAssertTrue("\(error)".contains("[UNK]"), "\(error)")
        }
        let binary = folder.appendingPathComponent("binary.txt")
        try Data([0xff, 0xfe, 0x00]).write(to: binary)
        XCTAssertThrowsError(try WordPieceVocabulary(contentsOf: binary)) { error in
            XCTAssertTrue("\(error)".contains("UTF-8"), "\(error)")
        }
        XCTAssertThrowsError(try WordPieceVocabulary(contentsOf: folder.appendingPathComponent("absent.txt")))
    }
}
