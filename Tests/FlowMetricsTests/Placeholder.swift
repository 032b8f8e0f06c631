import XCTest

final class FlowMetricsTestsPlaceholder: XCTestCase {
    func testPlaceholder() {}
}
