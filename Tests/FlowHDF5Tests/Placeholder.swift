import XCTest

final class FlowHDF5TestsPlaceholder: XCTestCase {
    func testPlaceholder() {}
}
