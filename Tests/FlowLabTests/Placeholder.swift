import XCTest

final class FlowLabTestsPlaceholder: XCTestCase {
    func testPlaceholder() {}
}
