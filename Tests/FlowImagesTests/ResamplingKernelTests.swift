import XCTest
@testable import FlowImages

final class ResamplingKernelTests: XCTestCase {
    func testWeightsSumToOneInFixedPoint() {
        for (input, output) in [(100, 32), (32, 100), (7, 3), (640, 64)] {
            let kernel = ResamplingKernel(inputSize: input, outputSize: output)
            for sample in 0..<output {
                let sum = (0..<kernel.count[sample]).reduce(0) { $0 + Int(kernel.weights[sample * kernel.size + $1]) }
                XCTAssertEqual(Double(sum), Double(1 << ResamplingKernel.precisionBits), accuracy: Double(kernel.size),
                               "\(input) -> \(output), sample \(sample)")
            }
        }
    }
}
