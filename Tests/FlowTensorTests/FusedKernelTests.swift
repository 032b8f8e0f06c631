import XCTest
@testable import FlowTensor

/// The fused kernels (linear, packed attention, layer norm, activation and softmax backward passes): gradients
/// against finite differences, and values against the same computation made of unfused ops.
final class FusedKernelTests: XCTestCase {
    var generator = RandomGenerator(seed: 7, stream: "fused-kernel-tests")

    func input(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: generator.normal(shape.reduce(1, *)), requiresGrad: true)
    }

    func assertGradient(_ inputs: [Tensor], file: StaticString = #filePath, line: UInt = #line,
                        _ function: ([Tensor]) -> Tensor) {
        XCTAssertLessThan(GradientCheck.maximumError(inputs: inputs, function), 1e-6, file: file, line: line)
    }

    func assertClose(_ a: Tensor, _ b: Tensor, tolerance: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.shape, b.shape, file: file, line: line)
        let error = zip(a.doubles, b.doubles).map { Swift.abs($0 - $1) }.max() ?? 0
        XCTAssertLessThan(error, tolerance, file: file, line: line)
    }

    func testLinearMatchesMatmulPlusBiasAndHasExactGradients() {
        let (x, weight, bias) = (input([2, 3, 4]), input([5, 4]), input([5]))
        assertClose(Tensor.linear(x, weight: weight, bias: bias), Tensor.matmul(x, weight, transposeB: true) + bias)
        assertGradient([x, weight, bias]) { Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
        assertGradient([input([4]), weight]) { Tensor.linear($0[0], weight: $0[1], bias: nil) }
    }

    func testPackedSelfAttentionMatchesSplitHeads() {
        let (batch, length, heads, depth) = (2, 5, 3, 4)
        let packed = input([batch, length, 3 * heads * depth])
        let mask = Tensor.causalMask(length, dtype: .float64)
        func reference(_ qkv: Tensor, mask: Tensor?) -> Tensor {
            let parts = qkv.reshaped([batch, length, 3, heads, depth]).permuted([2, 0, 3, 1, 4]).split([1, 1, 1], axis: 0)
                .map { $0.reshaped([batch, heads, length, depth]) }
            let attended = Tensor.scaledDotProductAttention(query: parts[0], key: parts[1], value: parts[2], mask: mask)
            return attended.permuted([0, 2, 1, 3]).reshaped([batch, length, heads * depth])
        }
        assertClose(Tensor.packedSelfAttention(packed, heads: heads), reference(packed, mask: nil))
        assertClose(Tensor.packedSelfAttention(packed, heads: heads, mask: mask), reference(packed, mask: mask))
    }

    func testPackedSelfAttentionGradients() {
        assertGradient([input([2, 3, 12])]) { Tensor.packedSelfAttention($0[0], heads: 2) }
        let causal = Tensor.causalMask(3, dtype: .float64)
        assertGradient([input([2, 3, 12])]) { Tensor.packedSelfAttention($0[0], heads: 2, mask: causal, scale: 0.3) }
        // A learned additive bias per head broadcast over the batch gets its gradient too.
        assertGradient([input([2, 3, 12]), input([2, 3, 3])]) { Tensor.packedSelfAttention($0[0], heads: 2, mask: $0[1]) }
    }

    func testLayerNormVariantsAndFusedBackward() {
        let x = input([3, 2, 6])
        let (weight, bias) = (input([6]), input([6]))
        let expected = (x - x.mean(axes: [-1], keepDims: true))
            / ((x - x.mean(axes: [-1], keepDims: true)).squared().mean(axes: [-1], keepDims: true) + 1e-5).sqrt() * weight + bias
        assertClose(x.layerNorm(weight: weight, bias: bias), expected)
        assertGradient([x, weight]) { $0[0].layerNorm(weight: $0[1], bias: nil) }
        assertGradient([x, bias]) { $0[0].layerNorm(weight: nil, bias: $0[1]) }
        assertGradient([input([40, 33]), input([33]), input([33])]) { $0[0].layerNorm(weight: $0[1], bias: $0[2]) }
    }

    func testActivationAndSoftmaxBackwardOnLargerInputs() {
        assertGradient([input([3, 50])]) { $0[0].geluTanh() + $0[0].silu() + $0[0].geluErf() }
        assertGradient([input([4, 9])]) { ($0[0] * 3).softmax() }
    }

    func testFeedForwardEqualsItsLayersBitForBit() {
        // 150 rows of a 1024-wide hidden layer: several row blocks without a tape, so the blocking is exercised.
        for dtype in [DType.float32, .float64] {
            for activation in FeedForwardActivation.allCases {
                let x = input([3, 50, 16]).converted(to: dtype).detached()
                let (w1, b1) = (input([1024, 16]).converted(to: dtype).detached(), input([1024]).converted(to: dtype).detached())
                let (w2, b2) = (input([8, 1024]).converted(to: dtype).detached(), input([8]).converted(to: dtype).detached())
                for tensor in [x, w1, b1, w2, b2] { tensor.requiresGrad = true }
                func layers() -> Tensor {
                    let hidden = Tensor.linear(x, weight: w1, bias: b1)
                    let activated: Tensor
                    switch activation {
                    case .geluTanh: activated = hidden.geluTanh()
                    case .geluErf: activated = hidden.geluErf()
                    case .silu: activated = hidden.silu()
                    }
                    return Tensor.linear(activated, weight: w2, bias: b2)
                }
                let projection = input([3, 50, 8]).converted(to: dtype).detached()
                let expected = layers()
                (expected * projection).sum().backward()
                let expectedGradients = [x, w1, b1, w2, b2].map { $0.grad!.doubles }
                for tensor in [x, w1, b1, w2, b2] { tensor.grad = nil }
                let fused = Tensor.feedForward(x, hiddenWeight: w1, hiddenBias: b1, outputWeight: w2, outputBias: b2,
                                               activation: activation)
                XCTAssertEqual(fused.doubles, expected.doubles, "\(dtype) \(activation) values")
                (fused * projection).sum().backward()
                for (tensor, gradient) in zip([x, w1, b1, w2, b2], expectedGradients) {
                    XCTAssertEqual(tensor.grad!.doubles, gradient, "\(dtype) \(activation) gradient")
                }
                // Without a tape the rows go in blocks: float64 keeps the bits, float32 may round the last bit apart.
                let untaped = withNoGradient {
                    Tensor.feedForward(x, hiddenWeight: w1, hiddenBias: b1, outputWeight: w2, outputBias: b2, activation: activation)
                }
                if dtype == .float64 {
                    XCTAssertEqual(untaped.doubles, expected.doubles, "\(activation) values without a tape")
                } else {
                    // Relative to the largest value: the outputs are sums of 1024 products, some cancelling.
                    let scale = expected.doubles.map { Swift.abs($0) }.max()!
                    let error = zip(untaped.doubles, expected.doubles).map { Swift.abs($0 - $1) }.max()! / scale
                    XCTAssertLessThan(error, 1e-6, "\(activation) float32 values without a tape")
                }
            }
        }
    }

    func testFeedForwardGradients() {
        for activation in FeedForwardActivation.allCases {
            assertGradient([input([2, 3, 4]), input([6, 4]), input([6]), input([5, 6]), input([5])]) {
                Tensor.feedForward($0[0], hiddenWeight: $0[1], hiddenBias: $0[2], outputWeight: $0[3], outputBias: $0[4],
                                   activation: activation)
            }
            assertGradient([input([7, 4]), input([6, 4]), input([5, 6])]) {
                Tensor.feedForward($0[0], hiddenWeight: $0[1], hiddenBias: nil, outputWeight: $0[2], outputBias: nil,
                                   activation: activation)
            }
        }
    }

    func testPackedCrossAttentionMatchesSplitHeads() {
        let (batch, queries, keys, heads, depth) = (2, 5, 3, 3, 4)
        let width = heads * depth
        let (query, keyValue) = (input([batch, queries, width]), input([batch, keys, 2 * width]))
        let mask = input([batch, 1, 1, keys])
        func reference(_ query: Tensor, _ keyValue: Tensor, mask: Tensor?) -> Tensor {
            let q = query.reshaped([batch, queries, heads, depth]).permuted([0, 2, 1, 3])
            let parts = keyValue.reshaped([batch, keys, 2, heads, depth]).permuted([2, 0, 3, 1, 4]).split([1, 1], axis: 0)
                .map { $0.reshaped([batch, heads, keys, depth]) }
            let attended = Tensor.scaledDotProductAttention(query: q, key: parts[0], value: parts[1], mask: mask)
            return attended.permuted([0, 2, 1, 3]).reshaped([batch, queries, width])
        }
        assertClose(Tensor.packedCrossAttention(query: query, keyValue: keyValue, heads: heads), reference(query, keyValue, mask: nil))
        assertClose(Tensor.packedCrossAttention(query: query, keyValue: keyValue, heads: heads, mask: mask),
                    reference(query, keyValue, mask: mask))
    }

    func testPackedCrossAttentionGradients() {
        assertGradient([input([2, 3, 8]), input([2, 4, 16])]) { Tensor.packedCrossAttention(query: $0[0], keyValue: $0[1], heads: 2) }
        // An additive mask per sample and key (padding), with its own gradient, and a custom scale.
        assertGradient([input([2, 3, 8]), input([2, 4, 16]), input([2, 1, 1, 4])]) {
            Tensor.packedCrossAttention(query: $0[0], keyValue: $0[1], heads: 2, mask: $0[2], scale: 0.3)
        }
        // One key per sample: every query takes its value.
        assertGradient([input([1, 2, 4]), input([1, 1, 8])]) { Tensor.packedCrossAttention(query: $0[0], keyValue: $0[1], heads: 1) }
    }
}
