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
        for (name, scheduler) in Self.schedulers {
            let expected = try fixture.child("schedulers", name)
            for (dtype, tolerance) in [(DType.float64, 1e-6), (.float32, 1e-5)] {
                let label = "\(name) \(dtype)"
                let output = scheduler(Tensor(shape: [t.count], scalars: t).converted(to: dtype))
                assertClose(output.alpha.doubles, try expected.doubles("alpha"), tolerance: tolerance, "\(label) alpha")
                assertClose(output.sigma.doubles, try expected.doubles("sigma"), tolerance: tolerance, "\(label) sigma")
                assertClose(output.dAlpha.doubles, try expected.doubles("d_alpha"), tolerance: tolerance, "\(label) dAlpha")
                assertClose(output.dSigma.doubles, try expected.doubles("d_sigma"), tolerance: tolerance, "\(label) dSigma")
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
