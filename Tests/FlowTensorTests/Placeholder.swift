import XCTest

final class FlowTensorTestsPlaceholder: XCTestCase {
    func testPlaceholder() {}
}
