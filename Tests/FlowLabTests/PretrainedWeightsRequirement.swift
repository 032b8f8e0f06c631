import FlowNN
import Foundation
import XCTest

/// Tests that need a pretrained weight package: they skip when it is not fetched and `CI` is unset; on CI a missing
/// package fails the test.
enum PretrainedWeightsRequirement {
    /// Returns when `weights` are present; otherwise skips (outside CI) or fails and skips (on CI).
    static func require(_ weights: PretrainedWeights, file: StaticString = #filePath, line: UInt = #line) throws {
        if weights.isPresent() { return }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail("CI is set but the \(weights.name) weights are missing under \(weights.directory().path); run `make weights`",
                    file: file, line: line)
        }
        throw XCTSkip("\(weights.name) weights are not under \(weights.directory().path); run `\(weights.fetchCommand)` or `make weights`")
    }
}
