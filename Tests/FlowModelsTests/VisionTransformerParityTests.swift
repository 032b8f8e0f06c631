import Foundation
import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// timm- and DINOv2-layout ViTs loaded from safetensors by name, against the PyTorch model that wrote them
/// (Scripts/fixtures/vit_make_fixture.py: random weights, hand-written ViT with timm's names).
final class VisionTransformerParityTests: XCTestCase {
    private func check(_ layout: String, registers: Int, layerScale: Bool) throws {
        let weights = try SafetensorsFile(url: ModelFixtures.url("vit/\(layout).safetensors.fixture"))
        let io = try SafetensorsFile(url: ModelFixtures.url("vit/\(layout)_io.safetensors.fixture"))
        let model = try VisionTransformer.pretrained(weights, heads: 3)
        XCTAssertEqual(model.configuration, VisionTransformerConfiguration(
            imageSize: 16, patchSize: 4, channels: 3, width: 24, depth: 2, heads: 3, mlpRatio: 2,
            layerScale: layerScale, registerTokens: registers))
        let images = try io.tensor("images")
        let output = withNoGradient { model(images) }
        XCTAssertEqual(output.shape, [2, 1 + registers + 16, 24])
        XCTAssertLessThan(maximumAbsoluteDifference(output, try io.tensor("output")), 1e-4, "\(layout) output tokens")
        let hidden = withNoGradient { model.hiddenStates(images, layers: [1]) }[0]
        XCTAssertLessThan(maximumAbsoluteDifference(hidden, try io.tensor("hidden_1")), 1e-4, "\(layout) block 1 tokens")
    }

    func testTimmLayoutMatchesPyTorch() throws {
        try check("timm", registers: 0, layerScale: false)
    }

    func testDINOv2LayoutWithLayerScaleAndRegistersMatchesPyTorch() throws {
        try check("dinov2", registers: 4, layerScale: true)
    }

    func testALayoutMismatchListsTheNames() throws {
        let weights = try SafetensorsFile(url: ModelFixtures.url("vit/dinov2.safetensors.fixture"))
        var generator = RandomGenerator(seed: 0)
        let plain = VisionTransformer(configuration: .init(imageSize: 16, patchSize: 4, width: 24, depth: 2, heads: 3, mlpRatio: 2),
                                      generator: &generator)
        XCTAssertThrowsError(try plain.loadSafetensors(weights, ignoring: VisionTransformer.unusedCheckpointNames)) { error in
            let error = error as? StateDictionaryError
            XCTAssertEqual(error?.unexpected.count, 5, "ls1/ls2 gammas of two blocks and register_tokens: \(String(describing: error))")
            XCTAssertTrue(error?.unexpected.contains("register_tokens") ?? false)
        }
    }
}
