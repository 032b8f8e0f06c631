import FlowTensor
import XCTest
@testable import FlowNN

/// A model exercising every way parameters are found: nested modules, arrays, optionals, dictionaries, key overrides.
private final class Toy: Module {
    let embedding: Embedding
    let blocks: [Linear]
    let head: Linear?
    let missing: Linear?
    let experts: [String: Linear]
    let scale: Tensor
    let table: [Float] = [1, 2, 3]
    let label = "not a parameter"

    override class var checkpointKeys: [String: String] { ["embedding": "embed", "head": "final_layer"] }

    init(generator: inout RandomGenerator) {
        embedding = Embedding(count: 5, width: 4, generator: &generator)
        blocks = [Linear(4, 4, generator: &generator), Linear(4, 4, bias: false, generator: &generator)]
        head = Linear(4, 2, generator: &generator)
        missing = nil
        experts = ["b": Linear(2, 2, generator: &generator), "a": Linear(2, 2, generator: &generator)]
        scale = Tensor.ones([1])
    }
}

/// A subclass adds its properties after its superclass's.
private final class ToyWithExtra: Module {
    let base: Toy
    let extra: Sequential

    init(generator: inout RandomGenerator) {
        base = Toy(generator: &generator)
        extra = Sequential([Linear(2, 3, generator: &generator), Activation(.silu), Linear(3, 2, generator: &generator)])
    }
}

final class ModuleTests: XCTestCase {
    func testNamedParametersUseDottedNamesInDeclarationOrder() {
        var generator = RandomGenerator(seed: 0)
        let toy = Toy(generator: &generator)
        XCTAssertEqual(toy.namedParameters().map(\.name), [
            "embed.weight",
            "blocks.0.weight", "blocks.0.bias", "blocks.1.weight",
            "final_layer.weight", "final_layer.bias",
            "experts.a.weight", "experts.a.bias", "experts.b.weight", "experts.b.bias",
            "scale",
        ])
        XCTAssertEqual(toy.parameterCount, 20 + 20 + 16 + 10 + 6 + 6 + 1)
    }

    func testSequentialNamesLayersByIndexAndNestedModulesCompose() {
        var generator = RandomGenerator(seed: 0)
        let model = ToyWithExtra(generator: &generator)
        let names = model.namedParameters().map(\.name)
        XCTAssertEqual(names.first, "base.embed.weight")
        XCTAssertEqual(Array(names.suffix(4)), ["extra.0.weight", "extra.0.bias", "extra.2.weight", "extra.2.bias"])
        XCTAssertEqual(model.namedModules().map(\.name).prefix(4), ["", "base", "base.embed", "base.blocks.0"])
        XCTAssertEqual(model.children().map(\.name), ["base", "extra"])
    }

    func testNamesMatchPyTorchForTheTransformerBlock() {
        var generator = RandomGenerator(seed: 0)
        let block = TransformerBlock(width: 8, heads: 2, generator: &generator)
        XCTAssertEqual(block.namedParameters().map(\.name), [
            "norm1.weight", "norm1.bias", "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight", "attn.proj.bias",
            "norm2.weight", "norm2.bias", "mlp.fc1.weight", "mlp.fc1.bias", "mlp.fc2.weight", "mlp.fc2.bias",
        ])
        let embedder = SinusoidalTimeEmbedding(dimension: 16, outputWidth: 8, generator: &generator)
        XCTAssertEqual(embedder.namedParameters().map(\.name), ["mlp.0.weight", "mlp.0.bias", "mlp.2.weight", "mlp.2.bias"])
        let adaLN = AdaLNModulation(conditionWidth: 8, width: 4, generator: &generator)
        XCTAssertEqual(adaLN.namedParameters().map(\.name), ["1.weight", "1.bias"])
        let swiglu = SwiGLU(inputWidth: 4, hiddenWidth: 8, generator: &generator)
        XCTAssertEqual(swiglu.namedParameters().map(\.name).filter { $0.hasSuffix("weight") },
                       ["fc1_g.weight", "fc1_x.weight", "fc2.weight"])
    }

    func testNamesAreStableAcrossCalls() {
        var generator = RandomGenerator(seed: 0)
        let toy = Toy(generator: &generator)
        let first = toy.namedParameters()
        let second = toy.namedParameters()
        XCTAssertEqual(first.map(\.name), second.map(\.name))
        XCTAssertTrue(zip(first, second).allSatisfy { $0.tensor === $1.tensor })
    }

    func testTiedTensorsAreListedOnce() {
        var generator = RandomGenerator(seed: 0)
        let shared = Linear(3, 3, generator: &generator)
        let model = Sequential([shared, shared])
        XCTAssertEqual(model.namedParameters().map(\.name), ["0.weight", "0.bias"])
        XCTAssertEqual(Set(model.stateDict().keys), ["0.weight", "0.bias", "1.weight", "1.bias"])
    }

    func testTrainAndEvalPropagateToEveryDescendant() {
        var generator = RandomGenerator(seed: 0)
        let model = ToyWithExtra(generator: &generator)
        XCTAssertTrue(model.namedModules().allSatisfy { $0.module.isTraining })
        model.eval()
        XCTAssertTrue(model.namedModules().allSatisfy { !$0.module.isTraining })
        model.base.train()
        XCTAssertTrue(model.base.blocks[1].isTraining)
        XCTAssertFalse(model.extra.isTraining)
    }

    func testFrozenModulesAreExcludedFromTrainingAndGetNoGradient() {
        var generator = RandomGenerator(seed: 0)
        let model = ToyWithExtra(generator: &generator)
        model.base.freeze()
        let trainable = model.trainableParameters().map(\.name)
        XCTAssertEqual(trainable, ["extra.0.weight", "extra.0.bias", "extra.2.weight", "extra.2.bias"])
        let optimizer = AdamW(module: model)
        XCTAssertEqual(optimizer.parameters.map(\.name), trainable)

        let x = model.base.head!(model.base.embedding([1, 2]))
        model.extra(x).sum().backward()
        XCTAssertNil(model.base.head!.weight.grad)
        XCTAssertNotNil((model.extra.layers[0] as! Linear).weight.grad)
        model.base.unfreeze()
        XCTAssertEqual(model.trainableParameters().count, model.namedParameters().count)
    }

    func testLinearInitialisationFollowsPyTorchBoundsAndSeed() {
        var first = RandomGenerator(seed: 3)
        var second = RandomGenerator(seed: 3)
        let a = Linear(16, 32, generator: &first)
        let b = Linear(16, 32, generator: &second)
        XCTAssertEqual(a.weight.floats, b.weight.floats)
        let bound = Float(1 / 4.0)
        XCTAssertTrue(a.weight.floats.allSatisfy { abs($0) <= bound })
        XCTAssertTrue(a.bias!.floats.allSatisfy { abs($0) <= bound })
        XCTAssertGreaterThan(a.weight.floats.map { abs($0) }.max()!, 0.9 * bound)
        XCTAssertTrue(a.weight.requiresGrad)
        let double = Linear(16, 32, dtype: .float64, generator: &first)
        XCTAssertEqual(double.weight.dtype, .float64)
    }
}
