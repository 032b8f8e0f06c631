import FlowModels
import FlowTensor
import Foundation
import XCTest

/// `ShapesCLIP.contrastiveLoss` (CLIP's symmetric InfoNCE) against PyTorch, and its gradients against finite differences.
final class ShapesCLIPLossTests: XCTestCase {
    /// One case of `Tests/Fixtures/shapes_clip/contrastive_loss.json` (`Scripts/fixtures/shapes_clip_loss_make_fixture.py`).
    struct Case: Decodable {
        let name: String
        let rows: Int
        let width: Int
        let images: [Double]
        let texts: [Double]
        let logitScale: Double
        let loss: Double
        let gradImages: [Double]
        let gradTexts: [Double]
        let gradLogitScale: Double

        enum CodingKeys: String, CodingKey {
            case name, rows, width, images, texts, logitScale = "logit_scale", loss, gradImages = "grad_images"
            case gradTexts = "grad_texts", gradLogitScale = "grad_logit_scale"
        }
    }

    func cases() throws -> [Case] {
        try JSONDecoder().decode([Case].self, from: Data(contentsOf: ModelFixtures.url("shapes_clip/contrastive_loss.json")))
    }

    func testLossAndGradientsMatchPyTorch() throws {
        for fixture in try cases() {
            let images = Tensor(shape: [fixture.rows, fixture.width], scalars: fixture.images, requiresGrad: true)
            let texts = Tensor(shape: [fixture.rows, fixture.width], scalars: fixture.texts, requiresGrad: true)
            let scale = Tensor(shape: [1], scalars: [fixture.logitScale], requiresGrad: true)
            let loss = ShapesCLIP.contrastiveLoss(images: images, texts: texts, logitScale: scale)
            XCTAssertEqual(loss.item, fixture.loss, accuracy: 1e-9, fixture.name)
            loss.backward()
            for (name, tensor, expected) in [("images", images, fixture.gradImages), ("texts", texts, fixture.gradTexts),
                                             ("logit_scale", scale, [fixture.gradLogitScale])] {
                let difference = zip(try XCTUnwrap(tensor.grad).doubles, expected).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThan(difference, 1e-9, "\(fixture.name): gradient of \(name)")
            }
        }
    }

    func testGradientsMatchFiniteDifferences() throws {
        let fixture = try cases()[0]
        let images = Tensor(shape: [fixture.rows, fixture.width], scalars: fixture.images, requiresGrad: true)
        let texts = Tensor(shape: [fixture.rows, fixture.width], scalars: fixture.texts, requiresGrad: true)
        let scale = Tensor(shape: [1], scalars: [fixture.logitScale], requiresGrad: true)
        let error = GradientCheck.maximumError(inputs: [images, texts, scale]) {
            ShapesCLIP.contrastiveLoss(images: $0[0], texts: $0[1], logitScale: $0[2])
        }
        XCTAssertLessThan(error, 1e-6)
    }
}
