import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// A DiT conditioned on frozen text-encoder features (`.textEmbeddings`): PixArt's names, padding that never
/// matters, and a dropped caption that is the learned `y_embedding`.
final class DiTTextConditioningTests: XCTestCase {
    static let featureWidth = 12, length = 5

    private func model(crossAttention: Bool = true, length: Int = length, seed: UInt64 = 3) throws -> DiT {
        var generator = RandomGenerator(seed: seed)
        let configuration = DiTConfiguration(imageSize: 8, patchSize: 4, channels: 3, width: 16, depth: 2, heads: 2,
                                             conditioning: .textEmbeddings(width: Self.featureWidth, length: length,
                                                                           crossAttention: crossAttention))
        let model = try DiT(configuration: configuration, generator: &generator)
        // adaLN-Zero starts every block and the output at zero; give them weights so the condition shows.
        for (name, parameter) in model.namedParameters() where name.contains("adaLN_modulation") || name.hasPrefix("final_layer.linear") {
            parameter.assign(generator.normalTensor(parameter.shape) * 0.2)
        }
        return model
    }

    private func features(_ batch: Int, length: Int = length, seed: UInt64) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        return generator.normalTensor([batch, length, Self.featureWidth])
    }

    private func inputs(_ batch: Int) -> (images: Tensor, t: Tensor) {
        var generator = RandomGenerator(seed: 11)
        return (generator.normalTensor([batch, 8, 8, 3]), generator.uniformTensor([batch]))
    }

    /// Row `row` of a batch `[B, ...]` as a flat array.
    private func row(_ tensor: Tensor, _ row: Int) -> [Double] {
        tensor.slice(axis: 0, row..<(row + 1)).doubles
    }

    func testParametersHavePixArtNames() throws {
        let shapes = Dictionary(uniqueKeysWithValues: try model().namedParameters().map { ($0.name, $0.tensor.shape) })
        XCTAssertEqual(shapes["y_embedder.y_proj.fc1.weight"], [16, Self.featureWidth])
        XCTAssertEqual(shapes["y_embedder.y_proj.fc2.weight"], [16, 16])
        XCTAssertEqual(shapes["y_embedder.y_embedding"], [Self.length, Self.featureWidth])
        XCTAssertEqual(shapes["blocks.1.cross_attn.kv_linear.weight"], [32, 16])
        XCTAssertNil(shapes["y_embedder.pos_embed"], "token states carry their positions already")
        XCTAssertNil(try model(crossAttention: false).namedParameters().first { $0.name.contains("cross_attn") })
    }

    func testPaddingNeverChangesTheVelocity() throws {
        let model = try model()
        let (images, t) = inputs(2)
        let features = features(2, seed: 1)
        let lengths = [3, Self.length]
        let velocity = model(images, t: t, condition: .textEmbeddings(features, lengths: lengths))
        // Other values in the padded rows of caption 0, and caption 0 alone or next to another caption.
        var values = features.floats
        for position in 3..<Self.length {
            for feature in 0..<Self.featureWidth { values[position * Self.featureWidth + feature] = 7 }
        }
        let repadded = model(images, t: t, condition: .textEmbeddings(Tensor(shape: [2, Self.length, Self.featureWidth], scalars: values),
                                                                      lengths: lengths))
        let alone = model(images.slice(axis: 0, 0..<1), t: t.slice(axis: 0, 0..<1),
                          condition: .textEmbeddings(features.slice(axis: 0, 0..<1), lengths: [3]))
        for (a, b) in zip(row(velocity, 0), row(repadded, 0)) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        for (a, b) in zip(row(velocity, 0), alone.doubles) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        XCTAssertGreaterThan(zip(row(velocity, 0), row(velocity, 1)).map { abs($0 - $1) }.max()!, 1e-3, "the caption must matter")
    }

    func testDroppedCaptionIsTheLearnedNullEmbedding() throws {
        let model = try model()
        let (images, t) = inputs(2)
        guard case .textEmbeddings(let zeros, let nullLengths) = model.nullCondition(batch: 2) else { return XCTFail("not text features") }
        XCTAssertEqual(nullLengths, [0, 0])
        let dropped = model(images, t: t, condition: .textEmbeddings(features(2, seed: 2), lengths: [0, 0]))
        XCTAssertEqual(dropped.doubles, model(images, t: t, condition: .textEmbeddings(zeros, lengths: nullLengths)).doubles,
                       "a dropped caption ignores its features")
        let null = model.textEmbedding!.nullFeatures
        let asFeatures = Tensor.concatenate([null, null], axis: 0).reshaped([2, Self.length, Self.featureWidth])
        let explicit = model(images, t: t, condition: .textEmbeddings(asFeatures, lengths: [Self.length, Self.length]))
        for (a, b) in zip(dropped.doubles, explicit.doubles) { XCTAssertEqual(a, b, accuracy: 1e-6) }

        // y_embedding is learned from the dropped rows only.
        model.zeroGradients()
        model(images, t: t, condition: .textEmbeddings(features(2, seed: 2), lengths: [4, 0])).sum().backward()
        XCTAssertGreaterThan(try XCTUnwrap(null.grad).doubles.map(abs).max()!, 0)
        model.zeroGradients()
        model(images, t: t, condition: .textEmbeddings(features(2, seed: 2), lengths: [4, 2])).sum().backward()
        XCTAssertEqual(null.grad?.doubles.map(abs).max() ?? 0, 0)
    }

    func testPooledSentenceVectorConditionsThroughAdaLNOnly() throws {
        let model = try model(crossAttention: false, length: 1)
        let (images, t) = inputs(2)
        let vectors = features(2, length: 1, seed: 4)
        XCTAssertTrue(model.problems(images: images.shape, condition: .textEmbeddings(vectors, lengths: [1, 1])).isEmpty)
        let velocity = model(images, t: t, condition: .textEmbeddings(vectors, lengths: [1, 1]))
        let swapped = model(images, t: t, condition: .textEmbeddings(Tensor.concatenate([vectors.slice(axis: 0, 1..<2), vectors.slice(axis: 0, 0..<1)], axis: 0),
                                                                     lengths: [1, 1]))
        XCTAssertGreaterThan(zip(velocity.doubles, swapped.doubles).map { abs($0 - $1) }.max()!, 1e-3)
        XCTAssertEqual(model.problems(images: images.shape, condition: .textEmbeddings(vectors, lengths: [2, 1])),
                       ["text length 2 outside 0...1 (0 is no caption)"])
    }
}
