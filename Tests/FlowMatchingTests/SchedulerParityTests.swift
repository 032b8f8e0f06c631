import FlowTensor
import XCTest
@testable import FlowMatching

/// Schedulers against flow_matching's values over a grid of t (Float64 to 1e-6, Float32 to 1e-5).
final class SchedulerParityTests: XCTestCase {
    static let schedulers: [String: any Scheduler] = [
        "condot": CondOTScheduler(),
        "polynomial1": PolynomialConvexScheduler(exponent: 1),
        "polynomial2": PolynomialConvexScheduler(exponent: 2),
        "polynomial0.5": PolynomialConvexScheduler(exponent: 0.5),
        "cosine": CosineScheduler(),
        "vp": VPScheduler(betaMinimum: 0.1, betaMaximum: 20),
        "linearvp": LinearVPScheduler(),
    ]

    func testValuesDerivativesAndInverses() throws {
        let fixture = try Fixture("schedulers.json")
        let (t, snr, kappa) = (try fixture.doubles("t"), try fixture.doubles("snr"), try fixture.doubles("kappa"))
        // The ends of time are where samplers start (t = 0, where n = 1 needs 0^0 = 1) and training stops.
        XCTAssertEqual(t.first, 0)
        XCTAssertEqual(t.last, 1 - 0x1p-10)
        XCTAssertEqual([kappa.first, kappa.last], [0, 1])
        for (name, scheduler) in Self.schedulers {
            let expected = try fixture.child("schedulers", name)
            for (dtype, tolerance) in [(DType.float64, 1e-6), (.float32, 1e-5)] {
                let label = "\(name) \(dtype)"
                let output = scheduler(Tensor(shape: [t.count], scalars: t).converted(to: dtype))
                // In Float32 the VP schedule's sigma = sqrt(1 - alpha^2) loses digits to cancellation near t = 1
                // (1.4e-4 relative at t = 1 - 2^-10), so the last time gets 5e-4 there.
                let endTolerance = dtype == .float32 ? 5e-4 : tolerance
                for (key, values) in [("alpha", output.alpha), ("sigma", output.sigma), ("d_alpha", output.dAlpha), ("d_sigma", output.dSigma)] {
                    let (actual, reference) = (values.doubles, try expected.doubles(key))
                    assertClose(Array(actual.dropLast()), Array(reference.dropLast()), tolerance: tolerance, "\(label) \(key)")
                    assertClose([actual.last!], [reference.last!], tolerance: endTolerance, "\(label) \(key) at t = 1 - 2^-10")
                }
                let snrInverse = scheduler.snrInverse(Tensor(shape: [snr.count], scalars: snr).converted(to: dtype))
                assertClose(snrInverse.doubles, try expected.doubles("snr_inverse"), tolerance: tolerance, "\(label) snrInverse")
                if let convex = scheduler as? any ConvexScheduler {
                    let inverse = convex.kappaInverse(Tensor(shape: [kappa.count], scalars: kappa).converted(to: dtype))
                    assertClose(inverse.doubles, try expected.doubles("kappa_inverse"), tolerance: tolerance, "\(label) kappaInverse")
                }
            }
        }
    }
}
