import FlowTensor
import XCTest
@testable import FlowMatching

/// Inverses round-trip, derivatives match finite differences, and paths hit their end points.
final class SchedulerPropertyTests: XCTestCase {
    let times = Tensor(shape: [7], scalars: [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95])

    func testInversesRoundTrip() {
        for (name, scheduler) in SchedulerParityTests.schedulers {
            let output = scheduler(times)
            let snrTimes = scheduler.snrInverse(output.alpha / output.sigma)
            assertClose(snrTimes.doubles, times.doubles, tolerance: 1e-9, "\(name) snrInverse(snr(t))")
            if let convex = scheduler as? any ConvexScheduler {
                assertClose(convex.kappaInverse(output.alpha).doubles, times.doubles, tolerance: 1e-9, "\(name) kappaInverse(kappa(t))")
                assertClose((output.alpha + output.sigma).doubles, Array(repeating: 1, count: 7), tolerance: 1e-12, "\(name) convex")
            }
        }
    }

    func testDerivativesMatchFiniteDifferences() {
        let step = 1e-6
        for (name, scheduler) in SchedulerParityTests.schedulers {
            let output = scheduler(times)
            let plus = scheduler(times + step), minus = scheduler(times - step)
            assertClose(output.dAlpha.doubles, ((plus.alpha - minus.alpha) / (2 * step)).doubles, tolerance: 1e-6, "\(name) dAlpha")
            assertClose(output.dSigma.doubles, ((plus.sigma - minus.sigma) / (2 * step)).doubles, tolerance: 1e-6, "\(name) dSigma")
        }
    }

    func testAffinePathEndPoints() {
        var generator = RandomGenerator(seed: 1, stream: "endpoints")
        let x0 = generator.normalTensor([4, 3], dtype: .float64), x1 = generator.normalTensor([4, 3], dtype: .float64)
        let path = AffineProbabilityPath(scheduler: CondOTScheduler())
        assertClose(path.sample(x0: x0, x1: x1, t: .zeros([4], dtype: .float64)).xt.doubles, x0.doubles, tolerance: 1e-15, "x_0 at t=0")
        assertClose(path.sample(x0: x0, x1: x1, t: .ones([4], dtype: .float64)).xt.doubles, x1.doubles, tolerance: 1e-15, "x_1 at t=1")
        let cosine = AffineProbabilityPath(scheduler: CosineScheduler())
        assertClose(cosine.sample(x0: x0, x1: x1, t: .zeros([4], dtype: .float64)).xt.doubles, x0.doubles, tolerance: 1e-15, "cosine t=0")
        assertClose(cosine.sample(x0: x0, x1: x1, t: .ones([4], dtype: .float64)).xt.doubles, x1.doubles, tolerance: 1e-12, "cosine t=1")
    }

    func testConversionsRoundTrip() {
        var generator = RandomGenerator(seed: 2, stream: "conversions")
        let x0 = generator.normalTensor([3, 2], dtype: .float64), x1 = generator.normalTensor([3, 2], dtype: .float64)
        let t = Tensor(shape: [3], scalars: [0.2, 0.5, 0.7])
        for scheduler in [CondOTScheduler(), CosineScheduler(), VPScheduler()] as [any Scheduler] {
            let path = AffineProbabilityPath(scheduler: scheduler)
            let sample = path.sample(x0: x0, x1: x1, t: t)
            assertClose(path.targetToVelocity(x1: x1, xt: sample.xt, t: t).doubles, sample.dxt.doubles, tolerance: 1e-10, "x1 -> u")
            assertClose(path.epsilonToVelocity(epsilon: x0, xt: sample.xt, t: t).doubles, sample.dxt.doubles, tolerance: 1e-10, "eps -> u")
            assertClose(path.velocityToTarget(velocity: sample.dxt, xt: sample.xt, t: t).doubles, x1.doubles, tolerance: 1e-10, "u -> x1")
            assertClose(path.velocityToEpsilon(velocity: sample.dxt, xt: sample.xt, t: t).doubles, x0.doubles, tolerance: 1e-10, "u -> eps")
        }
    }
}
