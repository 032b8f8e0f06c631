import Foundation
import XCTest
@testable import FlowLab

final class RunStopSignalTests: XCTestCase {
    /// Waits up to two seconds for `condition`.
    private func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline {
            if condition() { return true }
            usleep(1_000)
        }
        return condition()
    }

    func testSigintSetsStopRequestedAndSecondSignalEscalates() {
        let seconds = ConcurrentResults()
        let stop = StopSignal.install(signals: [SIGINT, SIGTERM], onSecondSignal: { seconds.append("\($0)") })
        defer { stop.uninstall() }
        XCTAssertFalse(stop.stopRequested)

        kill(getpid(), SIGINT)
        XCTAssertTrue(eventually { stop.stopRequested }, "SIGINT must request a stop")
        XCTAssertEqual(stop.receivedSignal, SIGINT)
        XCTAssertEqual(seconds.values, [])

        kill(getpid(), SIGTERM)
        XCTAssertTrue(eventually { seconds.values == ["\(SIGTERM)"] }, "the second signal escalates")
    }

    func testRequestStopWithoutSignal() {
        let stop = StopSignal.install(signals: [SIGUSR1], onSecondSignal: { _ in XCTFail("no second signal expected") })
        defer { stop.uninstall() }
        stop.requestStop()
        XCTAssertTrue(stop.stopRequested)
        XCTAssertNil(stop.receivedSignal)
    }
}
