import FlowModels
import FlowNN
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// HASTE's attention term (``AttentionAlignment``) on the CrossFlows MM-DiT against a frozen tokenizer-encoder teacher:
/// the image-to-image attention logits, `L_attn` and its gradients in the student's parameters match PyTorch
/// (`Scripts/fixtures/haste_attention_make_fixture.py`), and the gradient through the student's attention logits
/// matches finite differences.
final class HasteAttentionAlignmentTests: XCTestCase {
    static let student = CrossFlowsConfiguration(
        imageSize: 8, patchSize: 2, channels: 3, width: 8, depth: 2, heads: 2, captionLength: 3, vocabulary: 6,
        captionWidth: 12, captionDepth: 2, captionHeads: 2, encoderPatchSize: 4, frequencyEmbeddingSize: 32)
    static let fixture = FlowlabProcess.packageRoot.appendingPathComponent("Tests/Fixtures/crossflows/haste_attention.safetensors.fixture")
    /// The fixture's pairs: student block 1 with teacher block 0, student block 0 with teacher block 1.
    static let alignment = AttentionAlignment(options: AttentionAlignmentOptions(studentLayers: [1, 0], teacherLayers: [0, 1]))

    static func teacher(heads: Int, file: SafetensorsFile, dtype: DType) throws -> ImageTokenizerEncoder {
        var generator = RandomGenerator(seed: 0)
        let tokenizer = try ImageTokenizer(configuration: .init(imageSize: 8, patchSize: 2, width: 16, depth: 2, heads: heads,
                                                                latentTokens: 3, latentChannels: 4), dtype: dtype, generator: &generator)
        try tokenizer.loadSafetensors(file, prefix: "teacher\(heads).")
        return tokenizer.encoder
    }

    /// Logits, the loss with 2 teacher heads (paired) and 4 (averaged), and every parameter gradient the loss
    /// reaches, in float32 and float64.
    func testAttentionLossAndGradientsMatchPyTorch() throws {
        let file = try SafetensorsFile(url: Self.fixture)
        let captions = try file.integers("inputs.captions").map { Int($0) }
        let gradientNames = file.names.filter { $0.hasPrefix("gradients.") }
        XCTAssertGreaterThan(gradientNames.count, 20)
        for (dtype, tolerance) in [(DType.float32, 1e-4), (.float64, 1e-5)] {
            var generator = RandomGenerator(seed: 0)
            let model = try CrossFlowsModel(configuration: Self.student, dtype: dtype, generator: &generator)
            try model.loadSafetensors(file, prefix: "student.")
            let images = try file.tensor("inputs.images", dtype: dtype)
            let result = model.forward(images: images, captions: captions, t: try file.tensor("inputs.t", dtype: dtype),
                                       attentionBlocks: Self.alignment.studentBlocks)
            XCTAssertEqual(Set(result.attention.keys), [0, 1])
            var losses: [Int: Tensor] = [:]
            for heads in [2, 4] {
                let teacher = try Self.teacher(heads: heads, file: file, dtype: dtype)
                let target = withNoGradient { teacher.patchFeatures(images, attentionBlocks: Self.alignment.teacherBlocks) }
                if heads == 2 {
                    for block in [0, 1] {
                        assertClose(result.attention[block]!, try file.tensor("student_attention.\(block)"), tolerance: tolerance,
                                    "\(dtype) student logits of block \(block)")
                        assertClose(target.attention[block]!, try file.tensor("teacher2_attention.\(block)"), tolerance: tolerance,
                                    "\(dtype) teacher logits of block \(block)")
                    }
                }
                losses[heads] = Self.alignment.loss(teacher: target.attention, student: result.attention)
                XCTAssertEqual(losses[heads]!.item, try file.tensor("loss_heads\(heads)").doubles[0],
                               accuracy: tolerance * 10, "\(dtype) L_attn with \(heads) teacher heads")
            }
            losses[2]!.backward()
            let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.tensor) })
            for key in gradientNames {
                let name = String(key.dropFirst("gradients.".count))
                guard let gradient = parameters[name]?.grad else {
                    XCTFail("\(dtype): no gradient for \(name)")
                    continue
                }
                assertClose(gradient, try file.tensor(key), tolerance: tolerance * 10, "\(dtype) gradient of \(name)")
            }
            print("HASTE \(dtype): L_attn \(losses[2]!.item) (2 heads), \(losses[4]!.item) (4 heads); \(gradientNames.count) gradients compared")
        }
    }

    /// `L_attn` through the student's attention logits into MM-DiT parameters (image-stream qkv of both blocks, the
    /// text stream's qkv of block 0, the patch embedding), against central finite differences in float64, with
    /// paired heads and with averaged teacher heads.
    func testAttentionGradientMatchesFiniteDifferences() throws {
        var generator = RandomGenerator(seed: 11, stream: "haste-gradient")
        let model = try CrossFlowsModel(configuration: Self.student, dtype: .float64, generator: &generator)
        for (_, parameter) in model.trainableParameters() {  // no zero adaLN: every path matters
            let values = generator.normal(parameter.count, standardDeviation: 0.3)
            parameter.withUnsafeMutableBuffer(Double.self) { buffer in
                for index in buffer.indices { buffer[index] = values[index] }
            }
        }
        let images = Tensor(shape: [2, 8, 8, 3], scalars: generator.normal(2 * 8 * 8 * 3))
        let t = Tensor(shape: [2], scalars: [0.3, 0.8])
        let captions = [0, 5, 3, 4, 1, 2]
        let inputs = [model.imageModel.blocks[0].imageStream.attention.queryKeyValue.weight,
                      model.imageModel.blocks[1].imageStream.attention.queryKeyValue.bias!,
                      model.imageModel.blocks[0].contextStream.attention.queryKeyValue.bias!,
                      model.imageModel.patchEmbedding.projection.bias]
        for heads in [2, 4] {
            let teacher = [0: Tensor(shape: [2, heads, 16, 16], scalars: generator.normal(2 * heads * 256)) * 2,
                           1: Tensor(shape: [2, heads, 16, 16], scalars: generator.normal(2 * heads * 256)).converted(to: .float64) * 2]
            let error = GradientCheck.maximumError(inputs: inputs) { _ in
                let student = model.forward(images: images, captions: captions, t: t, attentionBlocks: [0, 1]).attention
                return Self.alignment.loss(teacher: teacher, student: student)
            }
            XCTAssertLessThan(error, 1e-6, "\(heads) teacher heads")
        }
    }
}

/// Asserts that `actual` equals `expected` within `tolerance` relative to the expected tensor's largest magnitude.
private func assertClose(_ actual: Tensor, _ expected: Tensor, tolerance: Double, _ message: String,
                         file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.shape, expected.shape, message, file: file, line: line)
    guard actual.shape == expected.shape else { return }
    let scale = expected.doubles.map(abs).max() ?? 0
    let difference = zip(actual.doubles, expected.doubles).map { abs($0 - $1) }.max() ?? 0
    XCTAssertLessThanOrEqual(difference / max(scale, 1e-30), tolerance, "\(message): relative error \(difference / max(scale, 1e-30))",
                             file: file, line: line)
}
