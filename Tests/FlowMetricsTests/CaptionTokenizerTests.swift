import XCTest
@testable import FlowMetrics

final class CaptionTokenizerTests: XCTestCase {
    func testMatchesPycocoevalcapOnFixture() throws {
        let cases = try CaptionFixtures.tokenizerCases()
        let ours = PTBTokenizer().tokenize(cases.map(\.raw))
        var mismatches: [String] = []
        for (testCase, token) in zip(cases, ours) where token != testCase.tokenized {
            mismatches.append("\(testCase.raw.debugDescription): expected \(testCase.tokenized.debugDescription) got \(token.debugDescription)")
        }
        print("PTBTokenizer exact match: \(cases.count - mismatches.count)/\(cases.count)")
        for line in mismatches { print("  mismatch " + line) }
        XCTAssertEqual(mismatches, CaptionTokenizerTests.documentedMismatches)
    }

    static let documentedMismatches: [String] = []
}
