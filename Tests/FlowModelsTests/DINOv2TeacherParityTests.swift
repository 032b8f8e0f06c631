import Foundation
import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// A DINOv2 as the alignment terms' teacher against transformers (Scripts/fixtures/dinov2_teacher_make_fixture.py:
/// tiny random `Dinov2Model` and `Dinov2WithRegistersModel`, a 5x5 position table, read at 3x3, 5x5 and 7x7 patch grids
/// from 12 px images resized as REPA does), and the bicubic resampling against `F.interpolate`.
final class DINOv2TeacherParityTests: XCTestCase {
    func testBicubicResamplingMatchesPyTorch() throws {
        let fixture = try SafetensorsFile(url: ModelFixtures.url("dinov2/resampling.safetensors.fixture"))
        let table = try fixture.tensor("table")
        for size in [3, 7, 8] {
            for antialiased in [false, true] {
                let expected = try fixture.tensor("\(antialiased ? "antialiased" : "plain")_\(size)")
                let resampled = BicubicResampling(from: 5, to: size, antialiased: antialiased)(table)
                XCTAssertLessThan(maximumAbsoluteDifference(resampled, expected), 1e-5, "5 -> \(size), antialiased \(antialiased)")
            }
        }
        XCTAssertEqual(BicubicResampling(from: 5, to: 5).weights.map { $0.map { ($0 * 1e9).rounded() / 1e9 } },
                       (0..<5).map { row in (0..<5).map { $0 == row ? 1 : 0 } }, "the same size is the identity")
    }

    private func check(_ model: String, registers: Int) throws {
        let transformers = try VisionTransformer.pretrained(
            try SafetensorsFile(url: ModelFixtures.url("dinov2/\(model)_transformers.safetensors.fixture")), heads: 3)
        let timm = try VisionTransformer.pretrained(
            try SafetensorsFile(url: ModelFixtures.url("dinov2/\(model)_timm.safetensors.fixture")), heads: 3)
        XCTAssertEqual(transformers.configuration, VisionTransformerConfiguration(
            imageSize: 10, patchSize: 2, channels: 3, width: 24, depth: 2, heads: 3, mlpRatio: 2, layerScale: true,
            registerTokens: registers))
        XCTAssertEqual(transformers.stateDict().mapValues(\.floats), timm.stateDict().mapValues(\.floats),
                       "transformers' names and timm's load the same weights")
        let io = try SafetensorsFile(url: ModelFixtures.url("dinov2/\(model)_io.safetensors.fixture"))
        let images = try io.tensor("images")
        for grid in [3, 5, 7] {
            let teacher = try VisionTransformerTeacher(transformers, imageSize: 12, grid: grid)
            let (features, attention) = withNoGradient { teacher.patchFeatures(images, attentionBlocks: [0, 1]) }
            XCTAssertLessThan(maximumAbsoluteDifference(features, try io.tensor("features_g\(grid)")), 1e-4, "\(model) features at \(grid)x\(grid)")
            for block in 0..<2 {
                let expected = try io.tensor("attention_g\(grid)_block\(block)")
                XCTAssertLessThan(maximumAbsoluteDifference(attention[block]!.softmax(), expected), 1e-5,
                                  "\(model) block \(block) patch attention at \(grid)x\(grid)")
            }
        }
    }

    func testDINOv2MatchesTransformersAtOtherGrids() throws {
        try check("dinov2", registers: 0)
    }

    func testDINOv2WithRegistersMatchesTransformersAtOtherGrids() throws {
        try check("dinov2_registers", registers: 2)
    }

    /// A transformers file missing one of a block's query, key and value projections names the tensor.
    func testAnIncompleteTransformersFileNamesTheTensor() throws {
        let source = try SafetensorsFile(url: ModelFixtures.url("dinov2/dinov2_transformers.safetensors.fixture"))
        var tensors: [String: Tensor] = [:]
        for name in source.names where name != "encoder.layer.1.attention.attention.key.weight" { tensors[name] = try source.tensor(name) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dinov2-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafetensorsWriter.write(tensors, to: url)
        XCTAssertThrowsError(try VisionTransformer.pretrained(try SafetensorsFile(url: url), heads: 3)) { error in
            XCTAssertTrue("\(error)".contains("blocks.1.attn.qkv.weight") && "\(error)".contains("query, value"), "\(error)")
        }
    }
}
