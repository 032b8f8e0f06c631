import Foundation
import XCTest

/// Loads the Pillow fixtures written by `Scripts/fixtures/images_make_fixture.py`.
enum ImageFixtures {
    /// `Tests/Fixtures/images/`.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/images")

    /// One encoded file and PIL's decoding of it.
    struct Decoding: Decodable {
        let file: String
        let description: String
        let mode: String
        let width: Int
        let height: Int
        let channels: Int
        let expected: String
        let text: [String: String]
    }

    /// One PIL resize: source pixels, optional centre crop, target size, PIL's output.
    struct Resize: Decodable {
        let source: String
        let source_width: Int
        let source_height: Int
        let center_crop: Bool
        let width: Int
        let height: Int
        let expected: String
    }

    /// PIL's compositing of `source` onto `background`.
    struct Composite: Decodable {
        let source: String
        let background: [UInt8]
        let expected: String
    }

    /// The whole manifest.
    struct Manifest: Decodable {
        let pillow: String
        let decodings: [Decoding]
        let resizes: [Resize]
        let composites: [Composite]
    }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func url(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    /// The largest absolute difference between two equally long byte arrays.
    static func largestDifference(_ first: [UInt8], _ second: [UInt8]) -> Int {
        precondition(first.count == second.count)
        return zip(first, second).reduce(0) { max($0, abs(Int($1.0) - Int($1.1))) }
    }
}
