import FlowTensor
import XCTest
@testable import FlowMatching

/// Affine and mixture paths, conversions and the generalized KL against flow_matching.
final class PathParityTests: XCTestCase {
    func testAffinePathsAndConversions() throws {
        let fixture = try Fixture("affine_paths.json")
        let shape = try fixture.integers("shape")
        for (dtype, tolerance) in [(DType.float64, 1e-6), (.float32, 1e-5)] {
            func tensor(_ key: String) throws -> Tensor { Tensor(shape: shape, scalars: try fixture.doubles(key)).converted(to: dtype) }
            let (x0, x1, velocity, epsilon) = (try tensor("x0"), try tensor("x1"), try tensor("velocity"), try tensor("epsilon"))
            let t = Tensor(shape: [shape[0]], scalars: try fixture.doubles("t")).converted(to: dtype)
            for name in ["condot", "polynomial2", "cosine", "vp", "linearvp"] {
                let expected = try fixture.child("paths", name)
                let path = AffineProbabilityPath(scheduler: SchedulerParityTests.schedulers[name]!)
                let sample = path.sample(x0: x0, x1: x1, t: t)
                let label = "\(name) \(dtype)"
                assertClose(sample.xt.doubles, try expected.doubles("xt"), tolerance: tolerance, "\(label) xt")
                assertClose(sample.dxt.doubles, try expected.doubles("dxt"), tolerance: tolerance, "\(label) dxt")
                let xt = sample.xt
                let conversions: [(String, Tensor)] = [
                    ("target_to_velocity", path.targetToVelocity(x1: x1, xt: xt, t: t)),
                    ("epsilon_to_velocity", path.epsilonToVelocity(epsilon: epsilon, xt: xt, t: t)),
                    ("velocity_to_target", path.velocityToTarget(velocity: velocity, xt: xt, t: t)),
                    ("epsilon_to_target", path.epsilonToTarget(epsilon: epsilon, xt: xt, t: t)),
                    ("velocity_to_epsilon", path.velocityToEpsilon(velocity: velocity, xt: xt, t: t)),
                    ("target_to_epsilon", path.targetToEpsilon(x1: x1, xt: xt, t: t)),
                ]
                for (key, value) in conversions {
                    assertClose(value.doubles, try expected.doubles(key), tolerance: tolerance * 10, "\(label) \(key)")
                }
            }
        }
    }

    func testMixturePathPosteriorVelocityAndGeneralizedKL() throws {
        let fixture = try Fixture("mixture.json")
        let (batch, length, vocabulary) = (try fixture.integer("batch"), try fixture.integer("length"), try fixture.integer("vocabulary"))
        let shape = [batch, length]
        let x0 = DiscreteState(tokens: try fixture.integers("x0"), shape: shape)
        let x1 = DiscreteState(tokens: try fixture.integers("x1"), shape: shape)
        let path = MixtureDiscreteProbabilityPath(scheduler: PolynomialConvexScheduler(exponent: 2))
        for (dtype, tolerance) in [(DType.float64, 1e-6), (.float32, 1e-5)] {
            let t = Tensor(shape: [batch], scalars: try fixture.doubles("t")).converted(to: dtype)
            let sample = path.sample(x0: x0, x1: x1, t: t, uniforms: try fixture.doubles("uniforms"))
            XCTAssertEqual(sample.xt.tokens, try fixture.integers("xt"), "mixture sample \(dtype)")

            let logits = Tensor(shape: shape + [vocabulary], scalars: try fixture.doubles("logits")).converted(to: dtype)
            assertClose(path.posteriorToVelocity(logits: logits, xt: sample.xt, t: t).doubles,
                        try fixture.doubles("posterior_to_velocity"), tolerance: tolerance, "posteriorToVelocity \(dtype)")

            let none = MixturePathGeneralizedKL(path: path, reduction: .none)(logits: logits, x1: x1, xt: sample.xt, t: t)
            assertClose(none.doubles, try fixture.doubles("generalized_kl_none"), tolerance: tolerance, "GKL none \(dtype)")
            let sum = MixturePathGeneralizedKL(path: path, reduction: .sum)(logits: logits, x1: x1, xt: sample.xt, t: t)
            assertClose([sum.item], [try fixture.double("generalized_kl_sum")], tolerance: tolerance, "GKL sum \(dtype)")

            let leaf = logits.detached()
            leaf.requiresGrad = true
            let mean = MixturePathGeneralizedKL(path: path)(logits: leaf, x1: x1, xt: sample.xt, t: t)
            mean.backward()
            assertClose([mean.item], [try fixture.double("generalized_kl_mean")], tolerance: tolerance, "GKL mean \(dtype)")
            assertClose(leaf.grad!.doubles, try fixture.doubles("generalized_kl_mean_gradient"), tolerance: tolerance, "GKL gradient \(dtype)")
        }
    }

    /// The linear schedule at the ends of time, t = 0 and t = 1 - 2^-10: d kappa / dt is 1 at t = 0 (not
    /// `0^0`), so the generalized KL and the velocity there are finite and match flow_matching.
    func testLinearMixturePathAtTheEndsOfTime() throws {
        let fixture = try Fixture("mixture.json")
        let (batch, length, vocabulary) = (try fixture.integer("batch"), try fixture.integer("length"), try fixture.integer("vocabulary"))
        let shape = [batch, length]
        let x1 = DiscreteState(tokens: try fixture.integers("x1"), shape: shape)
        let xt = DiscreteState(tokens: try fixture.integers("xt"), shape: shape)
        let times = try fixture.doubles("polynomial1_t")
        XCTAssertEqual(times.first, 0)
        let path = MixtureDiscreteProbabilityPath.polynomial(1)
        for (dtype, tolerance) in [(DType.float64, 1e-6), (.float32, 1e-5)] {
            let t = Tensor(shape: [batch], scalars: times).converted(to: dtype)
            let logits = Tensor(shape: shape + [vocabulary], scalars: try fixture.doubles("logits")).converted(to: dtype)
            XCTAssertEqual(path.jumpCoefficient(t).doubles[0], 1, "dkappa/(1 - kappa) at t = 0, \(dtype)")
            let loss = MixturePathGeneralizedKL(path: path, reduction: .none)(logits: logits, x1: x1, xt: xt, t: t).doubles
            XCTAssert(loss.allSatisfy(\.isFinite), "GKL at t = 0 and 1 - eps must be finite, \(dtype): \(loss)")
            assertClose(loss, try fixture.doubles("polynomial1_generalized_kl_none"), tolerance: tolerance, "GKL n = 1 \(dtype)")
            assertClose(path.posteriorToVelocity(logits: logits, xt: xt, t: t).doubles,
                        try fixture.doubles("polynomial1_posterior_to_velocity"), tolerance: tolerance, "velocity n = 1 \(dtype)")
        }
    }
}
