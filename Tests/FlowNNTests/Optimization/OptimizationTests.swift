import FlowTensor
import XCTest
@testable import FlowNN

final class OptimizationTests: XCTestCase {
    func testSchedules() {
        XCTAssertEqual(ConstantSchedule(0.1).learningRate(at: 1000), 0.1)
        let warmup = LinearWarmupSchedule(peak: 1, warmupSteps: 4)
        XCTAssertEqual((0..<6).map { warmup.learningRate(at: $0) }, [0.25, 0.5, 0.75, 1, 1, 1])
        XCTAssertEqual(LinearWarmupSchedule(peak: 2, warmupSteps: 0).learningRate(at: 0), 2)
        let cosine = CosineSchedule(peak: 1, final: 0.1, totalSteps: 12, warmupSteps: 2)
        XCTAssertEqual(cosine.learningRate(at: 0), 0.5)
        XCTAssertEqual(cosine.learningRate(at: 2), 1, accuracy: 1e-12)
        XCTAssertEqual(cosine.learningRate(at: 7), 0.55, accuracy: 1e-12)   // halfway: (1 + 0.1) / 2
        XCTAssertEqual(cosine.learningRate(at: 12), 0.1, accuracy: 1e-12)
        XCTAssertEqual(cosine.learningRate(at: 50), 0.1, accuracy: 1e-12)
    }

    func testAdamWSkipsParametersWithoutGradientsAndZeroesGradients() {
        let used = Tensor(shape: [2], scalars: [1, 1] as [Float], requiresGrad: true)
        let unused = Tensor(shape: [2], scalars: [1, 1] as [Float], requiresGrad: true)
        let optimizer = AdamW(parameters: [("used", used), ("unused", unused)], learningRate: 0.1, weightDecay: 0)
        (used * 3).sum().backward()
        optimizer.step()
        for value in used.floats { XCTAssertEqual(value, 0.9, accuracy: 1e-5) }   // first Adam step: lr · sign(g)
        XCTAssertEqual(unused.floats, [1, 1])
        XCTAssertEqual(optimizer.stepCount, 1)
        XCTAssertNil(optimizer.optimizerState()["unused.step"])
        optimizer.zeroGradients()
        XCTAssertNil(used.grad)
    }

    func testOptimizerStateRestoresTheExactTrajectory() throws {
        func makeModel() -> MLP {
            var generator = RandomGenerator(seed: 4)
            return MLP(inputWidth: 2, hiddenWidth: 8, activation: .silu, generator: &generator)
        }
        var data = RandomGenerator(seed: 5)
        let batches = (0..<6).map { _ in data.normalTensor([16, 2]) }
        func train(_ model: MLP, _ optimizer: AdamW, _ range: Range<Int>) {
            for step in range {
                Tensor.meanSquaredError(model(batches[step]), batches[step].squared()).backward()
                optimizer.step()
                optimizer.zeroGradients()
            }
        }
        let straight = makeModel()
        train(straight, AdamW(module: straight, learningRate: 1e-2), 0..<6)

        let first = makeModel()
        let firstOptimizer = AdamW(module: first, learningRate: 1e-2)
        train(first, firstOptimizer, 0..<3)
        let resumed = makeModel()
        try resumed.loadStateDict(first.stateDict())
        let resumedOptimizer = AdamW(module: resumed, learningRate: 1e-2)
        try resumedOptimizer.load(firstOptimizer.optimizerState())
        XCTAssertEqual(resumedOptimizer.stepCount, 3)
        train(resumed, resumedOptimizer, 3..<6)
        for ((name, a), (_, b)) in zip(straight.namedParameters(), resumed.namedParameters()) {
            XCTAssertEqual(a.floats, b.floats, name)
        }
    }

    func testOptimizerStateErrorsNameEveryProblem() {
        let p = Tensor.zeros([2], requiresGrad: true)
        let optimizer = AdamW(parameters: [("p", p)])
        XCTAssertThrowsError(try optimizer.load([
            "p.exp_avg": Tensor.zeros([3]), "p.step": Tensor(1), "q.exp_avg": Tensor.zeros([2]),
        ])) { error in
            guard let error = error as? StateDictionaryError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.missing, ["p.exp_avg_sq"])
            XCTAssertEqual(error.unexpected, ["q.exp_avg"])
            XCTAssertEqual(error.mismatched.map(\.name), ["p.exp_avg"])
        }
    }

    func testExponentialMovingAverage() throws {
        var generator = RandomGenerator(seed: 1)
        let model = Linear(2, 2, generator: &generator)
        let initial = model.weight.doubles
        let ema = ExponentialMovingAverage(module: model, decay: 0.75)
        model.weight.assign(Tensor.zeros([2, 2]))
        ema.update(from: model)
        ema.update(from: model)
        let expected = initial.map { 0.75 * 0.75 * $0 }
        for (a, b) in zip(ema.shadow["weight"]!.doubles, expected) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        var other = RandomGenerator(seed: 2)
        let sampler = Linear(2, 2, generator: &other)
        ema.copy(into: sampler)
        XCTAssertEqual(sampler.weight.floats, ema.shadow["weight"]!.floats)
        XCTAssertFalse(sampler.weight === ema.shadow["weight"]!, "the shadow is a copy")
        try ema.load(model.stateDict())
        XCTAssertEqual(ema.shadow["weight"]!.floats, [0, 0, 0, 0])
        XCTAssertThrowsError(try ema.load(["weight": Tensor.zeros([2, 2])]))
    }
}
