import FlowMatching
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// Sampling honours a stop request within a few steps, and the segment-wise integration that makes this possible
/// gives bit-for-bit the numbers of one uninterrupted solve (so results do not change).
final class SamplingStopTests: XCTestCase {
    private func setup(_ overrides: [String] = []) throws -> FlowSetup {
        let spec = try ExperimentSpec.load(file: ModeCollapseExperimentTests.smokeSpec, overrides: overrides)
        return try FlowSetup(spec: try spec.variant(named: "cfg"))
    }

    func testSegmentWiseIntegrationEqualsOneSolveBitForBit() throws {
        for method in ["euler", "midpoint"] {
            let setup = try setup(["sample.solver=\(method)"])
            var generator = RandomGenerator(seed: 3)
            let start = GaussianSource().sample([50, 2], generator: &generator)
            let velocity: VelocityModel = { x, t in x * -0.7 + t.reshaped([50, 1]) * 0.3 }
            let grid = TimeGrid.uniform(steps: 37)
            let whole = withNoGradient { ODESolver(method: setup.solver.method).trajectory(start: start, timeGrid: grid, velocity: velocity).last! }
            let segments = withNoGradient { FlowSampler(setup: setup, variant: "cfg").integrate(from: start, over: grid, velocity: velocity) }
            XCTAssertEqual(whole.floats, segments.floats, method)
        }
    }

    func testAStopRequestEndsSamplingWithinASegment() throws {
        let setup = try setup(["eval.samples=200", "sample.steps=100000"])
        let stop = StopSignal.install(signals: [], onSecondSignal: { _ in })
        defer { stop.uninstall() }
        var calls = 0
        let velocity: VelocityModel = { x, _ in
            calls += 1
            if calls == 3 { stop.requestStop() }
            return x * 0
        }
        var generator = RandomGenerator(seed: 1)
        let start = GaussianSource().sample([200, 2], generator: &generator)
        _ = withNoGradient {
            FlowSampler(setup: setup, variant: "cfg", stop: stop).integrate(from: start, over: TimeGrid.uniform(steps: 100_000), velocity: velocity)
        }
        XCTAssertLessThanOrEqual(calls, 8 * 2, "at most one more segment after the request (100,000 steps without it)")
    }
}
