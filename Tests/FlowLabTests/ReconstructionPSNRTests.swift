import XCTest
@testable import FlowLab

/// The `psnr` of FlowTok's `<experiment>_reconstruction` configuration.
final class ReconstructionPSNRTests: XCTestCase {
    func testPSNRIsTheMeanOverImagesInDecibels() {
        let original: [UInt8] = [0, 0, 0, 0, 100, 100, 100, 100]
        // Image 0 off by 1 everywhere (MSE 1: 48.13 dB), image 1 exact (100 dB by convention).
        let reconstructed: [UInt8] = [1, 1, 1, 1, 100, 100, 100, 100]
        let psnr = MetricValue.reconstructionPSNR(reconstructed, of: original, imageBytes: 4)
        XCTAssertEqual(psnr.name, "psnr")
        XCTAssertEqual(psnr.value, (10 * log10(255.0 * 255.0) + 100) / 2, accuracy: 1e-9)
        XCTAssertEqual(psnr.higherIsBetter, true)
    }
}
