import Foundation
import XCTest
@testable import FlowModels

/// The weights lookup: where it looks, the one-line error when the file is missing, and the checksum.
final class InceptionWeightsFileTests: XCTestCase {
    func testLookupFollowsFLOWLABWEIGHTS() {
        XCTAssertEqual(InceptionWeightsFile.url(environment: ["FLOWLAB_WEIGHTS": "/data/w"]).path,
                       "/data/w/fid-inception-v3/default_1.pt")
        XCTAssertEqual(InceptionWeightsFile.url(environment: ["HOME": "/home/ada"]).path,
                       "/home/ada/.cache/flowlab/weights/fid-inception-v3/default_1.pt")
    }

    func testMissingWeightsGiveOneLine() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("no-weights-\(UUID().uuidString)")
        XCTAssertThrowsError(try InceptionWeightsFile.verifiedURL(environment: ["FLOWLAB_WEIGHTS": directory.path])) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("Inception weights not found at \(directory.path)/fid-inception-v3/default_1.pt; run `make weights` (or `flowlab weights fetch inception`)"), text)
            XCTAssertFalse(text.contains("\n"))
        }
    }

    func testTamperedWeightsFailTheChecksum() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tampered-weights-\(UUID().uuidString)")
        let target = directory.appendingPathComponent(InceptionWeightsFile.relativePath)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("PK\u{3}\u{4} not the weights".utf8).write(to: target)
        XCTAssertThrowsError(try InceptionWeightsFile.verifiedURL(environment: ["FLOWLAB_WEIGHTS": directory.path])) { error in
            XCTAssertTrue(String(describing: error).contains("checksum mismatch"), "\(error)")
        }
    }
}
