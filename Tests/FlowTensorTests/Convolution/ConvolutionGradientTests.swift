import XCTest
@testable import FlowTensor

/// Finite-difference checks of the convolution and pooling backward passes, including padding edge cases.
final class ConvolutionGradientTests: XCTestCase {
    private func input(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = RandomGenerator(seed: seed, stream: "convolution-gradient")
        let tensor = generator.normalTensor(shape, dtype: .float64)
        tensor.requiresGrad = true
        return tensor
    }

    func testConvolutionGradients() {
        let configurations: [(input: [Int], weight: [Int], stride: [Int], padding: [Int])] = [
            ([2, 2, 5, 4], [3, 2, 3, 3], [1, 1], [1, 1]),
            ([1, 2, 7, 6], [2, 2, 3, 2], [2, 2], [0, 1]),
            ([2, 3, 1, 1], [2, 3, 3, 3], [1, 1], [1, 1]),   // 1 x 1 image: only the kernel centre sees it
            ([2, 3, 3, 2], [2, 3, 1, 1], [1, 1], [0, 0]),   // pointwise: no column matrix
        ]
        for (index, configuration) in configurations.enumerated() {
            let x = input(configuration.input, seed: UInt64(index))
            let weight = input(configuration.weight, seed: UInt64(10 + index))
            let bias = input([configuration.weight[0]], seed: UInt64(20 + index))
            let error = GradientCheck.maximumError(inputs: [x, weight, bias]) { values in
                Tensor.convolution2D(values[0], weight: values[1], bias: values[2],
                                     stride: configuration.stride, padding: configuration.padding)
            }
            XCTAssertLessThan(error, 1e-6, "convolution \(configuration)")
        }
    }

    func testPoolingGradients() {
        // Distinct values, so the maximum of each window is unique and the max pool is differentiable there.
        let x = input([2, 2, 5, 7], seed: 30)
        let maxError = GradientCheck.maximumError(inputs: [x]) { $0[0].maxPool2D(kernel: [3, 3], stride: [2, 2], padding: [1, 1]) }
        XCTAssertLessThan(maxError, 1e-6)
        for countIncludePad in [true, false] {
            let error = GradientCheck.maximumError(inputs: [x]) {
                $0[0].averagePool2D(kernel: [3, 2], stride: [1, 2], padding: [1, 1], countIncludePad: countIncludePad)
            }
            XCTAssertLessThan(error, 1e-6, "average pool, countIncludePad \(countIncludePad)")
        }
        let adaptiveError = GradientCheck.maximumError(inputs: [x]) { $0[0].adaptiveAveragePool2D(outputSize: [2, 3]) }
        XCTAssertLessThan(adaptiveError, 1e-6)
        let resizeError = GradientCheck.maximumError(inputs: [x]) { $0[0].resizedBilinear(height: 4, width: 9, sampling: .asymmetric) }
        XCTAssertLessThan(resizeError, 1e-6)
    }
}
