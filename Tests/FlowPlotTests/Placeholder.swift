import XCTest

final class FlowPlotTestsPlaceholder: XCTestCase {
    func testPlaceholder() {}
}
