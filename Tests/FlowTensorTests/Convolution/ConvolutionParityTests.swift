import Foundation
import XCTest
@testable import FlowTensor

/// Convolution, pooling and resize forward values against PyTorch, from `Scripts/fixtures/convolution_make_fixture.py`.
final class ConvolutionParityTests: XCTestCase {
    /// One case of `Tests/Fixtures/convolution/ops.json`.
    struct Case: Decodable {
        let name: String, op: String
        let input_shape: [Int], input: [Double]
        let weight_shape: [Int]?, weight: [Double]?, bias: [Double]?
        let stride: [Int]?, padding: [Int]?, kernel: [Int]?, count_include_pad: Bool?
        let output_size: [Int]?, sampling: String?
        let output_shape: [Int], output: [Double]
    }

    struct File: Decodable { let cases: [Case] }

    static func cases() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/convolution/ops.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    /// Applies the case's op to `x` of the given dtype.
    static func apply(_ testCase: Case, dtype: DType) -> Tensor {
        let x = Tensor(shape: testCase.input_shape, scalars: testCase.input).converted(to: dtype)
        switch testCase.op {
        case "conv2d":
            let weight = Tensor(shape: testCase.weight_shape!, scalars: testCase.weight!).converted(to: dtype)
            let bias = testCase.bias.map { Tensor(shape: [$0.count], scalars: $0).converted(to: dtype) }
            return Tensor.convolution2D(x, weight: weight, bias: bias, stride: testCase.stride!, padding: testCase.padding!)
        case "max_pool2d":
            return x.maxPool2D(kernel: testCase.kernel!, stride: testCase.stride!, padding: testCase.padding!)
        case "avg_pool2d":
            return x.averagePool2D(kernel: testCase.kernel!, stride: testCase.stride!, padding: testCase.padding!,
                                   countIncludePad: testCase.count_include_pad!)
        case "adaptive_avg_pool2d":
            return x.adaptiveAveragePool2D(outputSize: testCase.output_size!)
        case "resize":
            return x.resizedBilinear(height: testCase.output_size![0], width: testCase.output_size![1],
                                     sampling: BilinearSampling(rawValue: testCase.sampling!)!)
        default:
            fatalError("unknown op \(testCase.op) in the fixture")
        }
    }

    func testForwardValuesMatchPyTorch() throws {
        let cases = try Self.cases()
        XCTAssertEqual(cases.count, 31)
        for testCase in cases {
            for (dtype, tolerance) in [(DType.float64, 1e-10), (.float32, 1e-5)] {
                let output = Self.apply(testCase, dtype: dtype)
                XCTAssertEqual(output.shape, testCase.output_shape, testCase.name)
                guard output.shape == testCase.output_shape else { continue }
                let scale = max(testCase.output.map(abs).max() ?? 0, 1e-12)
                let error = zip(output.doubles, testCase.output).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThanOrEqual(error / scale, tolerance, "\(testCase.name) \(dtype)")
            }
        }
    }

    /// A batch split image by image over threads gives the same result as one image at a time.
    func testBatchedConvolutionEqualsPerImage() {
        var generator = RandomGenerator(seed: 3)
        let x = generator.normalTensor([5, 3, 9, 7]), weight = generator.normalTensor([4, 3, 3, 3])
        let batched = Tensor.convolution2D(x, weight: weight, bias: nil, stride: [2, 1], padding: [1, 1])
        for image in 0..<5 {
            let single = Tensor.convolution2D(x.slice(axis: 0, image..<(image + 1)), weight: weight, bias: nil,
                                              stride: [2, 1], padding: [1, 1])
            XCTAssertEqual(batched.slice(axis: 0, image..<(image + 1)).floats, single.floats)
        }
    }
}
