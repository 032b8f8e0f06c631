import FlowTensor
import XCTest
@testable import FlowMatching

/// ODE solvers reach analytic end points, and a descending grid integrates backwards.
final class ODESolverTests: XCTestCase {
    let start = Tensor(shape: [3, 2], scalars: [0.5, -1, 2, 0.25, -0.75, 1.5])

    func testExponentialGrowthReachesAnalyticEndPoint() {
        let expected = start.doubles.map { $0 * M_E }
        let grid = TimeGrid.uniform(steps: 200)
        for (method, tolerance) in [(ODEMethod.euler, 4e-3), (.midpoint, 2e-5), (.heun, 2e-5)] {
            let end = ODESolver(method: method).sample(start: start, timeGrid: grid) { x, _ in x }
            assertClose(end.doubles, expected, tolerance: tolerance, "\(method) dx/dt = x")
        }
    }

    func testSecondOrderMethodsAreExactForLinearInTimeVelocity() {
        // dx/dt = 2t: x(1) = x(0) + 1; midpoint and Heun integrate a linear-in-t rate exactly, Euler falls short by h.
        let grid = TimeGrid.uniform(steps: 10)
        let velocity: VelocityModel = { x, t in Tensor.zeros(x.shape, dtype: x.dtype) + t.reshaped([-1, 1]) * 2 }
        for method in [ODEMethod.midpoint, .heun] {
            assertClose(ODESolver(method: method).sample(start: start, timeGrid: grid, velocity: velocity).doubles,
                        start.doubles.map { $0 + 1 }, tolerance: 1e-12, "\(method)")
        }
        assertClose(ODESolver(method: .euler).sample(start: start, timeGrid: grid, velocity: velocity).doubles,
                    start.doubles.map { $0 + 0.9 }, tolerance: 1e-12, "euler")
    }

    func testDescendingGridIntegratesBackwards() {
        let velocity: VelocityModel = { x, t in x.sin() + t.reshaped([-1, 1]) }
        let solver = ODESolver(method: .heun)
        let forward = solver.sample(start: start, timeGrid: TimeGrid.uniform(steps: 400), velocity: velocity)
        let back = solver.sample(start: forward, timeGrid: TimeGrid.uniform(steps: 400, from: 1, to: 0), velocity: velocity)
        assertClose(back.doubles, start.doubles, tolerance: 1e-5, "there and back")
        XCTAssertEqual(solver.trajectory(start: start, timeGrid: [0, 0.5, 1], velocity: velocity).count, 3)
    }
}
