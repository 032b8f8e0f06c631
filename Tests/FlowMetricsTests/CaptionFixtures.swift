import Foundation
import XCTest

/// Loads the pycocoevalcap fixtures written by `Scripts/fixtures/captions_make_fixture.py`.
enum CaptionFixtures {
    /// `Tests/Fixtures/captions/`.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/captions")

    /// One raw caption and pycocoevalcap's tokenisation of it.
    struct TokenizerCase: Decodable {
        let raw: String
        let tokenized: String
    }

    /// One image of the scoring fixture.
    struct Image: Decodable {
        let image_id: Int
        let candidate: String
        let references: [String]
        let candidate_tokenized: String
        let references_tokenized: [String]
    }

    /// The scoring fixture: images, corpus scores and per-image scores.
    struct Scores: Decodable {
        let images: [Image]
        let corpus: [String: Double]
        let per_image: [[String: Double]]
    }

    static func tokenizerCases() throws -> [TokenizerCase] {
        struct File: Decodable { let cases: [TokenizerCase] }
        let data = try Data(contentsOf: directory.appendingPathComponent("tokenizer.json"))
        return try JSONDecoder().decode(File.self, from: data).cases
    }

    static func scores() throws -> Scores {
        let data = try Data(contentsOf: directory.appendingPathComponent("scores.json"))
        return try JSONDecoder().decode(Scores.self, from: data)
    }
}
