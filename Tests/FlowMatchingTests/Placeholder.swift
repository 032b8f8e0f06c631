import XCTest

final class FlowMatchingTestsPlaceholder: XCTestCase {
    func testPlaceholder() {}
}
