import XCTest

final class FlowNNTestsPlaceholder: XCTestCase {
    func testPlaceholder() {}
}
