import Foundation
import XCTest
import FlowModels

/// The FID Inception weights for tests: skipped with a message when absent outside CI, a failure in CI.
enum InceptionWeightsAvailability {
    static func verifiedURL() throws -> URL {
        let url = InceptionWeightsFile.url()
        if !FileManager.default.fileExists(atPath: url.path) && ProcessInfo.processInfo.environment["CI"] == nil {
            throw XCTSkip("FID Inception weights not found at \(url.path); run `make weights` to fetch them (tests skip only outside CI)")
        }
        return try InceptionWeightsFile.verifiedURL()
    }
}
